import { type Clock, type Filter, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { BlobActor, BlobService } from '../blob/service';
import type { TItemKind, TTrackerItem } from '../tracker/items/schema';
import type { ItemsService } from '../tracker/items/service';
import { type FeedbackDoc, type FeedbackRepository, toFeedback } from './repository';
import type {
  TFeedback,
  TFeedbackConvertInput,
  TFeedbackDismissInput,
  TFeedbackListInput,
  TFeedbackPlatform,
  TFeedbackReplyInput,
  TFeedbackType,
} from './schema';

/** Replies one entry keeps; the thread itself lives in the mails. */
export const MAX_REPLIES = 50;

const DEFAULT_KIND: Record<TFeedbackType, TItemKind> = {
  bug_report: 'bug',
  feature_request: 'feature',
  nps_survey: 'task',
  general: 'task',
};

const TYPE_LABEL: Record<TFeedbackType, string> = {
  bug_report: 'Bug report',
  feature_request: 'Feature request',
  nps_survey: 'NPS answer',
  general: 'Feedback',
};

const PLATFORM_NAMES: Record<TFeedbackPlatform, string> = {
  ios: 'iOS',
  android: 'Android',
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
  web: 'web',
  other: 'other',
};

const notFound = () =>
  new AppError('NOT_FOUND', 'Feedback not found', { fields: [{ path: 'id', message: 'Not found' }] });

const conflict = (message: string, path = 'status') =>
  new AppError('CONFLICT', message, { fields: [{ path, message }] });

/** A date alone means its start (UTC). */
const instant = (value: string) =>
  new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value).toISOString();

/** A title from the feedback's own words: its first line, at most 200 characters, at least 3. */
const defaultTitle = (doc: TFeedback): string => {
  const firstLine = (doc.title ?? doc.summary).split('\n')[0]?.trim() ?? '';
  const cut = firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine;
  return cut.length >= 3 ? cut : `${TYPE_LABEL[doc.type]} ${doc.id}`;
};

/** The tracker item's body: what the user wrote and the context the server attached, in Markdown. */
const itemBody = (doc: TFeedback): string => {
  const lines = [
    `${TYPE_LABEL[doc.type]} from the ${PLATFORM_NAMES[doc.platform]} app (feedback ${doc.id}).`,
    '',
  ];
  const text = doc.description ?? doc.message ?? doc.comment;
  if (text) lines.push(text, '');
  if (doc.score !== null) lines.push(`Score: ${doc.score}/10 (${doc.segment})`, '');
  if (doc.steps.length > 0) lines.push('Steps:', ...doc.steps.map((step, i) => `${i + 1}. ${step}`), '');
  if (doc.device) {
    const d = doc.device;
    lines.push(`Device: ${d.model}, ${d.os}, app ${d.appVersion}, screen ${d.screen}`, '');
  }
  if (doc.screenshot) lines.push(`Screenshot: ${doc.screenshot.container}/${doc.screenshot.key}`, '');
  if (doc.telemetry.length > 0) {
    lines.push('Last telemetry events:');
    for (const event of doc.telemetry)
      lines.push(`- ${event.at} ${event.level} ${event.name}${event.message ? `: ${event.message}` : ''}`);
  }
  return lines.join('\n').trim().slice(0, 20_000);
};

export const createAdminService = (deps: {
  repo: FeedbackRepository;
  clock: Clock;
  bus: EventBus;
  needs: { tracker: { items: ItemsService }; blobs: BlobService };
}) => {
  const { repo, clock, bus, needs } = deps;

  const mustGet = async (productId: string, id: string) => {
    const doc = await repo.get(productId, id);
    if (!doc) throw notFound();
    return withoutSystemFields(doc);
  };

  /** `change` returns the next entry or null to leave it; throws to refuse. */
  const mutate = async (
    productId: string,
    id: string,
    change: (doc: FeedbackDoc) => FeedbackDoc | null,
    outbox: (next: FeedbackDoc, current: FeedbackDoc) => ReturnType<EventBus['stage']> | undefined,
  ): Promise<TFeedback> => {
    const mutated = await repo.mutate(productId, id, (current) => change(withoutSystemFields(current)), {
      outbox: (next, current) => outbox(next, withoutSystemFields(current)),
    });
    if (!mutated) throw notFound();
    return toFeedback(mutated.doc);
  };

  return {
    async list(productId: string, input: TFeedbackListInput) {
      const where: Filter<FeedbackDoc> = {};
      if (input.type) where.type = { eq: input.type };
      if (input.platform) where.platform = { eq: input.platform };
      if (input.status) where.status = { eq: input.status };
      if (input.userId) where.userId = { eq: input.userId };
      if (input.from || input.to) {
        where.createdAt = {
          ...(input.from ? { gte: instant(input.from) } : {}),
          ...(input.to ? { lt: instant(input.to) } : {}),
        };
      }
      if (input.scoreMin !== undefined || input.scoreMax !== undefined) {
        // Only NPS answers have a score.
        where.type = { eq: input.type ?? 'nps_survey' };
        where.score = {
          ...(input.scoreMin !== undefined ? { gte: input.scoreMin } : {}),
          ...(input.scoreMax !== undefined ? { lte: input.scoreMax } : {}),
        };
      }
      if (input.withComment !== undefined) where.hasComment = { eq: input.withComment };
      const page = await repo.list(productId, where, input.limit ?? 25, input.cursor);
      return { items: page.items.map(toFeedback), nextCursor: page.continuation };
    },

    /** The entry with a signed link to its screenshot (null when there is none, or it was deleted since). */
    async get(productId: string, id: string, actor: BlobActor) {
      const doc = toFeedback(await mustGet(productId, id));
      let screenshotUrl: string | null = null;
      if (doc.screenshot) {
        screenshotUrl = await needs.blobs
          .createDownloadUrl(
            productId,
            { container: doc.screenshot.container, key: doc.screenshot.key },
            actor,
          )
          .then((signed) => signed.url)
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
            throw error;
          });
      }
      return { ...doc, screenshotUrl };
    },

    /**
     * Opens a tracker item from the feedback, authored by the user who sent it. The item's id derives from the
     * feedback's, so a retry after a failure between the two writes finds the item instead of opening another.
     */
    async convert(
      productId: string,
      input: TFeedbackConvertInput,
      actorId: string,
    ): Promise<{ feedback: TFeedback; item: TTrackerItem }> {
      const doc = toFeedback(await mustGet(productId, input.id));
      if (doc.status === 'converted') {
        throw conflict(`Already converted to tracker item ${doc.trackerItemId}`, 'id');
      }
      const kind = input.kind ?? DEFAULT_KIND[doc.type];
      const itemId = `fb_${doc.id}`;
      let item: TTrackerItem;
      try {
        item = await needs.tracker.items.create(
          productId,
          { kind, title: input.title ?? defaultTitle(doc), body: itemBody(doc), tags: ['feedback'] },
          { userId: doc.userId, roles: ['user'] },
          { id: itemId },
        );
      } catch (error) {
        if (!isStoreError(error, 'conflict')) throw error;
        item = await needs.tracker.items.get(productId, itemId);
      }
      const feedback = await mutate(
        productId,
        input.id,
        (current) => {
          if (current.status === 'converted') {
            throw conflict(`Already converted to tracker item ${current.trackerItemId}`, 'id');
          }
          return {
            ...current,
            status: 'converted',
            trackerItemId: item.id,
            trackerAction: 'converted',
            updatedAt: isoNow(clock),
          };
        },
        (next) =>
          bus.stage(
            'feedback.converted',
            { feedbackId: next.id, trackerItemId: item.id, kind: item.kind },
            { productId, actorId },
          ),
      );
      return { feedback, item };
    },

    /** Records the reply; `feedback.replied`, committed with it, has delivery mail it (handlers.ts). */
    reply: (productId: string, input: TFeedbackReplyInput, actorId: string) => {
      const replyId = randomId(9);
      return mutate(
        productId,
        input.id,
        (current) => {
          if (current.replies.length >= MAX_REPLIES) {
            throw conflict(`At most ${MAX_REPLIES} replies per feedback`, 'message');
          }
          const at = isoNow(clock);
          return {
            ...current,
            status: current.status === 'new' ? 'replied' : current.status,
            replies: [...current.replies, { id: replyId, message: input.message, authorId: actorId, at }],
            updatedAt: at,
          };
        },
        (next) =>
          bus.stage(
            'feedback.replied',
            { feedbackId: next.id, replyId, userId: next.userId },
            { productId, actorId },
          ),
      );
    },

    /** Sets feedback aside; converted feedback lives on in its tracker item and cannot be dismissed. */
    dismiss: (productId: string, input: TFeedbackDismissInput, actorId: string) =>
      mutate(
        productId,
        input.id,
        (current) => {
          if (current.status === 'dismissed') return null;
          if (current.status === 'converted') {
            throw conflict(`Converted to tracker item ${current.trackerItemId}; close that item instead`);
          }
          return {
            ...current,
            status: 'dismissed',
            dismissedReason: input.reason ?? null,
            updatedAt: isoNow(clock),
          };
        },
        (next, current) =>
          current.status === 'dismissed'
            ? undefined
            : bus.stage(
                'feedback.dismissed',
                { feedbackId: next.id, reason: next.dismissedReason },
                { productId, actorId },
              ),
      ),
  };
};

export type FeedbackAdminService = ReturnType<typeof createAdminService>;
