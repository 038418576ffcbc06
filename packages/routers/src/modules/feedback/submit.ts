import { type Clock, isStoreError } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId, sha256 } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { BlobService } from '../blob/service';
import type { TelemetryEventsService } from '../telemetry/events-service';
import type { TTrackerItem } from '../tracker/items/schema';
import type { ItemsService } from '../tracker/items/service';
import type { VotesService } from '../tracker/votes/service';
import { bestMatch, titleWords } from './matching';
import { isoWeekOf, segmentOf, weekStartMs } from './nps';
import { type FeedbackDoc, type FeedbackRepository, toFeedback } from './repository';
import type { TAttachedEvent, TFeedback, TFeedbackCreateInput } from './schema';

/** Bug reports carry the user's last this-many telemetry events. */
export const ATTACHED_EVENTS = 10;
/** Feature requests are matched against at most this many open feature items, most recently updated first. */
export const MATCH_CANDIDATES = 500;
const CANDIDATE_PAGE = 100;
const SCREENSHOT_CONTAINER = 'attachments';

export type SubmitNeeds = {
  tracker: { items: ItemsService; votes: VotesService };
  telemetry: { events: TelemetryEventsService };
  blobs: BlobService;
};

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path, message }] });

const isOpen = (item: TTrackerItem) => item.status !== 'done' && item.status !== 'closed';

export const createSubmitService = (deps: {
  repo: FeedbackRepository;
  clock: Clock;
  bus: EventBus;
  needs: SubmitNeeds;
}) => {
  const { repo, clock, bus, needs } = deps;

  /** The screenshot must be the caller's own image in `attachments`, uploaded through the signed URL. */
  const checkScreenshot = async (productId: string, userId: string, key: string) => {
    if (!key.startsWith(`users/${userId}/`)) {
      throw fieldError('screenshot.key', `Upload the screenshot under users/${userId}/ first`);
    }
    const info = await needs.blobs
      .info(productId, { container: SCREENSHOT_CONTAINER, key })
      .catch((error: unknown) => {
        if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) {
          throw fieldError('screenshot.key', 'No uploaded file under this key');
        }
        throw error;
      });
    if (!info.contentType.startsWith('image/')) {
      throw fieldError('screenshot.key', `A screenshot is an image, not ${info.contentType}`);
    }
  };

  const lastEvents = async (productId: string, userId: string): Promise<TAttachedEvent[]> => {
    const page = await needs.telemetry.events.list(productId, { userId, limit: ATTACHED_EVENTS });
    return page.items.map((event) => ({
      id: event.id,
      name: event.name,
      level: event.level,
      at: event.at,
      platform: event.platform,
      appVersion: event.appVersion,
      message: event.message === null ? null : event.message.slice(0, 500),
    }));
  };

  /** Open feature items, most recently updated first, up to MATCH_CANDIDATES read. */
  const candidates = async (productId: string): Promise<TTrackerItem[]> => {
    const out: TTrackerItem[] = [];
    let cursor: string | undefined;
    for (let read = 0; read < MATCH_CANDIDATES; read += CANDIDATE_PAGE) {
      const page = await needs.tracker.items.list(productId, {
        kind: 'feature',
        sort: 'updated',
        limit: CANDIDATE_PAGE,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items.filter(isOpen));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return out;
  };

  /**
   * Votes for the best matching open feature item, or opens one (and votes for it: votes count requesters).
   * A new item's id derives from the title's words, so two identical requests racing each other meet on one
   * item; if that id belongs to an item that is already done or closed, the new one gets a fresh id.
   */
  const routeFeatureRequest = async (
    productId: string,
    userId: string,
    title: string,
    description: string | undefined,
  ): Promise<{ itemId: string; action: 'created' | 'voted' }> => {
    const match = bestMatch(title, await candidates(productId));
    if (match) {
      await needs.tracker.votes.vote(productId, match.item.id, userId);
      return { itemId: match.item.id, action: 'voted' };
    }
    const words = titleWords(title);
    const input = { kind: 'feature' as const, title, body: description ?? '', tags: ['feedback'] };
    const actor = { userId, roles: ['user'] };
    let item: TTrackerItem | undefined;
    if (words.length > 0) {
      const id = `fr_${sha256(`${productId}\n${words.join(' ')}`).slice(0, 20)}`;
      try {
        item = await needs.tracker.items.create(productId, input, actor, { id });
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        const existing = await needs.tracker.items.get(productId, id);
        if (isOpen(existing)) {
          await needs.tracker.votes.vote(productId, existing.id, userId);
          return { itemId: existing.id, action: 'voted' };
        }
      }
    }
    item ??= await needs.tracker.items.create(productId, input, actor);
    await needs.tracker.votes.vote(productId, item.id, userId);
    return { itemId: item.id, action: 'created' };
  };

  return {
    async create(productId: string, userId: string, input: TFeedbackCreateInput): Promise<TFeedback> {
      const now = clock();
      const at = isoNow(clock);
      const id = randomId(9);
      if (input.type === 'bug_report' && input.screenshot) {
        await checkScreenshot(productId, userId, input.screenshot.key);
      }
      const routed =
        input.type === 'feature_request'
          ? await routeFeatureRequest(productId, userId, input.title ?? '', input.description)
          : undefined;
      const score = input.type === 'nps_survey' ? (input.score ?? null) : null;
      const summary = input.description ?? input.title ?? input.comment ?? input.message ?? '';
      const doc: FeedbackDoc = {
        id,
        productId,
        docType: 'feedback',
        type: input.type,
        platform: input.platform,
        userId,
        status: routed ? 'converted' : 'new',
        summary: input.type === 'nps_survey' ? (input.comment ?? `Score ${score}`) : summary,
        description: input.description ?? null,
        steps: input.steps ?? [],
        device: input.device ?? null,
        screenshot: input.screenshot ? { container: SCREENSHOT_CONTAINER, key: input.screenshot.key } : null,
        title: input.title ?? null,
        score,
        segment: score === null ? null : segmentOf(score),
        comment: input.comment ?? null,
        hasComment: input.comment !== undefined,
        context: input.context ?? {},
        message: input.message ?? null,
        telemetry: input.type === 'bug_report' ? await lastEvents(productId, userId) : [],
        trackerItemId: routed?.itemId ?? null,
        trackerAction: routed?.action ?? null,
        replies: [],
        dismissedReason: null,
        createdAt: at,
        updatedAt: at,
      };
      const staged = bus.stage(
        'feedback.submitted',
        {
          feedbackId: id,
          type: doc.type,
          platform: doc.platform,
          userId,
          score,
          trackerItemId: doc.trackerItemId,
        },
        { productId, actorId: userId },
      );
      if (score === null) {
        await repo.create(doc, staged);
      } else {
        await repo.createWithRollup(
          doc,
          {
            week: isoWeekOf(now),
            start: new Date(weekStartMs(now)).toISOString(),
            score,
            platform: doc.platform,
            at,
          },
          staged,
        );
      }
      return toFeedback(doc);
    },
  };
};
