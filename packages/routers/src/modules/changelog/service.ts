import {
  type BatchOperation,
  type Clock,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import type { EventPayload } from '@bytelyst/events/catalogue';
import { AppError } from '../../app-error';
import { sha256 } from '../../lib/crypto';
import { sweep } from '../../lib/sweep';
import { isoNow } from '../../lib/time';
import { renderMarkdown } from './render';
import type { ChangelogRepository, EntryDoc } from './repository';
import type {
  TChangelogCreateInput,
  TChangelogEntry,
  TChangelogListAllInput,
  TChangelogListInput,
  TChangelogPublicEntry,
  TChangelogPublicPage,
  TChangelogPublishInput,
  TChangelogUpdateInput,
} from './schema';
import { versionId, versionKey } from './version-key';

/** Another writer changed the entry between our read and write this many times in a row: give up. */
const MAX_ATTEMPTS = 5;
const DEFAULT_PAGE = 20;

type EntryEvent =
  | 'changelog.created'
  | 'changelog.updated'
  | 'changelog.scheduled'
  | 'changelog.unpublished'
  | 'changelog.deleted';

export const toEntryView = (doc: EntryDoc): TChangelogEntry => {
  const { productId: _, kind: __, versionKey: ___, ...view } = withoutSystemFields(doc);
  return view;
};

export const toPublicEntry = (doc: EntryDoc): TChangelogPublicEntry => ({
  id: doc.id,
  version: doc.version,
  title: doc.title,
  body: doc.body,
  html: doc.html,
  category: doc.category,
  platforms: doc.platforms,
  publishedAt: doc.publishedAt,
});

const payloadOf = (doc: EntryDoc): EventPayload<EntryEvent> => ({
  entryId: doc.id,
  version: doc.version,
  title: doc.title,
  category: doc.category,
  platforms: doc.platforms,
  state: doc.state,
  publishedAt: doc.publishedAt,
  scheduledAt: doc.scheduledAt,
});

const versionTaken = (version: string) =>
  new AppError('CONFLICT', `Version ${version} already has an entry`, {
    fields: [{ path: 'version', message: `Version ${version} already has an entry` }],
  });

/** What one change writes: its batch, its event and whether clients can see the difference. */
type Change = {
  operations: BatchOperation<EntryDoc>[];
  next: EntryDoc | null;
  stage: (bus: EventBus) => ReturnType<EventBus['stage']>;
  visible: boolean;
};

export const createChangelogService = (deps: { repo: ChangelogRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock, bus } = deps;

  const load = async (productId: string, id: string) => {
    const doc = await repo.get(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'Changelog entry not found');
    return doc;
  };

  /** Read, decide, write in one batch under the read etag; a stale etag reads again. */
  const write = async (
    productId: string,
    id: string,
    decide: (current: Stored<EntryDoc>, at: string) => Change | null,
  ): Promise<EntryDoc | null> => {
    for (let attempt = 1; ; attempt++) {
      const current = await load(productId, id);
      const at = isoNow(clock);
      const change = decide(current, at);
      if (!change) return null;
      const outcome = await repo.commit(productId, change.operations, {
        outbox: change.stage(bus),
        visible: change.visible,
        at,
      });
      if (outcome === 'ok') return change.next;
      if (outcome === 'conflict' && change.next) throw versionTaken(change.next.version);
      if (attempt >= MAX_ATTEMPTS) throw new AppError('CONFLICT', 'The entry keeps changing; try again');
    }
  };

  const stageOf =
    (type: EntryEvent, doc: EntryDoc, actorId: string | null) =>
    (b: EventBus): ReturnType<EventBus['stage']> =>
      b.stage(type, payloadOf(doc), { productId: doc.productId, actorId });

  const publishNow = (
    current: Stored<EntryDoc>,
    at: string,
    publishedAt: string,
    actorId: string | null,
  ): Change => {
    const next: EntryDoc = {
      ...withoutSystemFields(current),
      state: 'published',
      isDraft: false,
      publishedAt,
      scheduledAt: null,
      updatedAt: at,
    };
    return {
      operations: [{ op: 'replace', doc: next, ifMatch: current._etag }],
      next,
      visible: true,
      stage: (b) =>
        b.stage(
          'changelog.published',
          { ...payloadOf(next), announced: next.announcement !== null },
          { productId: next.productId, actorId },
        ),
    };
  };

  return {
    preview: (body: string) => ({ html: renderMarkdown(body) }),

    async get(productId: string, id: string) {
      return toEntryView(await load(productId, id));
    },

    async listAll(productId: string, input: TChangelogListAllInput) {
      const page = await repo.page(
        productId,
        input.state ? { state: { eq: input.state } } : {},
        input.limit ?? 50,
        input.cursor,
      );
      return { items: page.items.map(toEntryView), nextCursor: page.continuation };
    },

    async create(productId: string, input: TChangelogCreateInput, actorId: string) {
      const at = isoNow(clock);
      const doc: EntryDoc = {
        kind: 'entry',
        id: versionId(input.version),
        productId,
        version: input.version,
        versionKey: versionKey(input.version),
        title: input.title,
        body: input.body,
        html: renderMarkdown(input.body),
        category: input.category,
        platforms: [...new Set(input.platforms)],
        state: 'draft',
        isDraft: true,
        publishedAt: null,
        scheduledAt: null,
        announcement: null,
        createdBy: actorId,
        createdAt: at,
        updatedAt: at,
      };
      const outcome = await repo.commit(productId, [{ op: 'create', doc }], {
        outbox: stageOf('changelog.created', doc, actorId)(bus),
        visible: false,
        at,
      });
      if (outcome !== 'ok') throw versionTaken(input.version);
      return toEntryView(doc);
    },

    /** Edits an entry; the version moves only while it is not published (clients may have seen it). */
    async update(productId: string, input: TChangelogUpdateInput, actorId: string) {
      const next = await write(productId, input.id, (current, at) => {
        const version = input.version ?? current.version;
        const moved = versionId(version) !== current.id;
        if (moved && current.state === 'published') {
          throw new AppError('CONFLICT', 'A published entry keeps its version; unpublish it first', {
            fields: [{ path: 'version', message: 'Unpublish the entry to change its version' }],
          });
        }
        const doc: EntryDoc = {
          ...withoutSystemFields(current),
          id: versionId(version),
          version,
          versionKey: versionKey(version),
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.body !== undefined ? { body: input.body, html: renderMarkdown(input.body) } : {}),
          ...(input.category ? { category: input.category } : {}),
          ...(input.platforms ? { platforms: [...new Set(input.platforms)] } : {}),
          updatedAt: at,
        };
        const operations: BatchOperation<EntryDoc>[] = moved
          ? [
              { op: 'create', doc },
              { op: 'delete', id: current.id, ifMatch: current._etag },
            ]
          : [{ op: 'replace', doc, ifMatch: current._etag }];
        return {
          operations,
          next: doc,
          visible: current.state === 'published',
          stage: stageOf('changelog.updated', doc, actorId),
        };
      });
      if (!next) throw new AppError('NOT_FOUND', 'Changelog entry not found');
      return toEntryView(next);
    },

    async delete(productId: string, id: string, actorId: string) {
      await write(productId, id, (current) => ({
        operations: [{ op: 'delete', id, ifMatch: current._etag }],
        next: null,
        visible: current.state === 'published',
        stage: stageOf('changelog.deleted', withoutSystemFields(current), actorId),
      }));
      return { id, deleted: true as const };
    },

    /** Publishes now, or schedules for `at` when that is in the future; `announce` rides with either. */
    async publish(productId: string, input: TChangelogPublishInput, actorId: string) {
      const next = await write(productId, input.id, (current, at) => {
        if (current.state === 'published') throw new AppError('CONFLICT', 'The entry is already published');
        const announced = { ...withoutSystemFields(current), announcement: input.announce ?? null };
        const when = input.at ? new Date(input.at).toISOString() : null;
        if (!when || Date.parse(when) <= clock())
          return publishNow({ ...current, ...announced }, at, at, actorId);
        const scheduled: EntryDoc = { ...announced, state: 'scheduled', scheduledAt: when, updatedAt: at };
        return {
          operations: [{ op: 'replace', doc: scheduled, ifMatch: current._etag }],
          next: scheduled,
          visible: false,
          stage: stageOf('changelog.scheduled', scheduled, actorId),
        };
      });
      if (!next) throw new AppError('NOT_FOUND', 'Changelog entry not found');
      return toEntryView(next);
    },

    /** Takes a published (or scheduled) entry back to draft. */
    async unpublish(productId: string, id: string, actorId: string) {
      const next = await write(productId, id, (current, at) => {
        if (current.state === 'draft') throw new AppError('CONFLICT', 'The entry is a draft already');
        const doc: EntryDoc = {
          ...withoutSystemFields(current),
          state: 'draft',
          isDraft: true,
          publishedAt: null,
          scheduledAt: null,
          announcement: null,
          updatedAt: at,
        };
        return {
          operations: [{ op: 'replace', doc, ifMatch: current._etag }],
          next: doc,
          visible: current.state === 'published',
          stage: stageOf('changelog.unpublished', doc, actorId),
        };
      });
      if (!next) throw new AppError('NOT_FOUND', 'Changelog entry not found');
      return toEntryView(next);
    },

    /** The job's pass: publishes scheduled entries whose time has come, dated at their scheduled time. */
    async publishDue(signal: AbortSignal) {
      const metrics = await sweep({
        signal,
        page: repo.dueAcross(isoNow(clock)),
        handle: async (doc) => {
          const published = await write(doc.productId, doc.id, (current, at) => {
            // Unpublished or moved meanwhile: judged on what it is now.
            if (current.state !== 'scheduled' || !current.scheduledAt) return null;
            if (Date.parse(current.scheduledAt) > clock()) return null;
            return publishNow(current, at, current.scheduledAt, null);
          }).catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
            throw error;
          });
          return published !== null;
        },
      });
      return { published: metrics.handled, failed: metrics.failed };
    },

    /** Published entries for clients: newer than `since`, on `platform`, newest version first. */
    async list(productId: string, input: TChangelogListInput): Promise<TChangelogPublicPage> {
      const page = await repo.page(
        productId,
        {
          state: { eq: 'published' },
          ...(input.since ? { versionKey: { gt: versionKey(input.since) } } : {}),
          ...(input.platform ? { platforms: { contains: input.platform } } : {}),
        },
        input.limit ?? DEFAULT_PAGE,
        input.cursor,
      );
      return { items: page.items.map(toPublicEntry), nextCursor: page.continuation };
    },

    /**
     * The strong ETag of a `list` answer, from one point read: the product's revision changes in the batch of
     * every change clients can see, and the query is part of the tag.
     */
    async etag(productId: string, input: TChangelogListInput): Promise<string> {
      const revision = (await repo.revision(productId)) ?? 'none';
      const query = [
        input.since ?? '',
        input.platform ?? '',
        input.limit ?? DEFAULT_PAGE,
        input.cursor ?? '',
      ];
      return `"${sha256(JSON.stringify([productId, revision, ...query])).slice(0, 32)}"`;
    },
  };
};

export type ChangelogService = ReturnType<typeof createChangelogService>;
