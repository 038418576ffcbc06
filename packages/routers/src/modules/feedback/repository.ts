import {
  type DocumentStore,
  type Filter,
  isStoreError,
  type MutateOptions,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { FEEDBACK_CONTAINERS } from './containers';
import { emptyHistogram, type Histogram } from './nps';
import type { TFeedback } from './schema';

/** An entry as stored: the API's shape plus what queries filter on. */
export type FeedbackDoc = TFeedback & { docType: 'feedback'; hasComment: boolean };

/** One ISO week's NPS answers: counts per score, overall and per platform. */
export type NpsWeekDoc = {
  id: string;
  productId: string;
  docType: 'nps_week';
  week: string;
  start: string;
  counts: Histogram;
  byPlatform: Record<string, Histogram>;
  updatedAt: string;
};

type AnyDoc = FeedbackDoc | NpsWeekDoc;

export const npsWeekId = (week: string) => `nps-week:${week}`;

/** Concurrent answers of one week contend for its rollup; each round re-reads it, so one always wins. */
const ROLLUP_ATTEMPTS = 50;

export const toFeedback = (doc: FeedbackDoc | Stored<FeedbackDoc>): TFeedback => {
  const { docType: _, hasComment: __, ...entry } = withoutSystemFields(doc);
  return entry;
};

export const createFeedbackRepository = (store: DocumentStore) => {
  const container = () => store.container<AnyDoc>(FEEDBACK_CONTAINERS.feedback.name);
  const entries = () => store.container<FeedbackDoc>(FEEDBACK_CONTAINERS.feedback.name);
  const weeks = () => store.container<NpsWeekDoc>(FEEDBACK_CONTAINERS.feedback.name);
  return {
    get: async (productId: string, id: string): Promise<Stored<FeedbackDoc> | undefined> => {
      const doc = await container().read(id, productId);
      return doc?.docType === 'feedback' ? (doc as Stored<FeedbackDoc>) : undefined;
    },
    create: (doc: FeedbackDoc, outbox?: Outbox) => entries().create(doc, { outbox }),
    /**
     * Creates an NPS answer and adds it to its week's rollup in one transactional batch (same partition), with
     * the outbox: the dashboard never counts an answer that is not stored, nor misses one that is.
     */
    async createWithRollup(
      doc: FeedbackDoc,
      rollup: { week: string; start: string; score: number; platform: string; at: string },
      outbox: Outbox,
    ): Promise<void> {
      const id = npsWeekId(rollup.week);
      for (let attempt = 1; ; attempt++) {
        const current = (await container().read(id, doc.productId)) as Stored<NpsWeekDoc> | undefined;
        const base: NpsWeekDoc = current
          ? withoutSystemFields(current)
          : {
              id,
              productId: doc.productId,
              docType: 'nps_week',
              week: rollup.week,
              start: rollup.start,
              counts: emptyHistogram(),
              byPlatform: {},
              updatedAt: rollup.at,
            };
        const counts = [...base.counts];
        counts[rollup.score] = (counts[rollup.score] ?? 0) + 1;
        const platform = [...(base.byPlatform[rollup.platform] ?? emptyHistogram())];
        platform[rollup.score] = (platform[rollup.score] ?? 0) + 1;
        const next: NpsWeekDoc = {
          ...base,
          counts,
          byPlatform: { ...base.byPlatform, [rollup.platform]: platform },
          updatedAt: rollup.at,
        };
        try {
          await container().batch(
            doc.productId,
            // The rollup first: a lost race fails before the entry is touched.
            [
              current ? { op: 'replace', doc: next, ifMatch: current._etag } : { op: 'create', doc: next },
              { op: 'create', doc },
            ],
            { outbox },
          );
          return;
        } catch (error) {
          const raced = isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict');
          // A conflict on the entry itself (its id taken) is not a race on the rollup: re-reading won't help.
          if (!raced || attempt >= ROLLUP_ATTEMPTS || (await container().read(doc.id, doc.productId))) {
            throw error;
          }
        }
      }
    },
    /** Read-apply-replace under the etag; undefined when the entry does not exist. */
    mutate: async (
      productId: string,
      id: string,
      change: (current: Stored<FeedbackDoc>) => FeedbackDoc | null,
      options?: MutateOptions<FeedbackDoc>,
    ) => {
      const mutated = await entries().mutate(
        id,
        productId,
        (current) => (current.docType === 'feedback' ? change(current) : null),
        options,
      );
      return mutated?.doc.docType === 'feedback' ? mutated : undefined;
    },
    list: (productId: string, where: Filter<FeedbackDoc>, limit: number, continuation?: string) =>
      entries().query({
        partitionKey: productId,
        where: { ...where, docType: { eq: 'feedback' } },
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    /** Deletes an entry; false when it was already gone (erasure may be redelivered). */
    remove: (productId: string, id: string) => entries().delete(id, productId),
    /** The rollups of weeks `from`..`to` (inclusive, `2026-W01` form); at most `limit`, one per week. */
    weeks: async (productId: string, from: string, to: string, limit: number) =>
      (
        await weeks().query({
          partitionKey: productId,
          where: { docType: { eq: 'nps_week' }, week: { gte: from, lte: to } },
          orderBy: [{ field: 'week', direction: 'asc' }],
          limit,
        })
      ).items,
  };
};

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
