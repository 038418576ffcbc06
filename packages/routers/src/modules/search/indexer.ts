import type { FullTextDoc, FullTextIndex } from '@bytelyst/db/full-text';
import type { Subscriber } from '@bytelyst/events/bus';
import type { AnySearchEntity, SearchEntry } from './entities/entity';

export type OwnerCheck = (productId: string, userId: string) => Promise<boolean>;

/** The index document of an entry: its text in the two weighted columns, what a result shows in `data`. */
export const toIndexDoc = (productId: string, entity: AnySearchEntity, entry: SearchEntry): FullTextDoc => ({
  partition: productId,
  kind: entity.type,
  id: entry.id,
  owner: entry.owner,
  text: { primary: entry.primary, secondary: entry.secondary },
  keys: entry.keys,
  data: { title: entry.title, subtitle: entry.subtitle, at: entry.at, ref: entry.ref },
});

/**
 * Writes records to the index as their sources hold them now. Every change reads the record again, so an event
 * delivered twice or late writes the same thing; a record that is gone, or whose owner was erased, is removed.
 */
export const createIndexer = (deps: {
  index: () => FullTextIndex;
  entities: readonly AnySearchEntity[];
  ownerExists: OwnerCheck;
}) => {
  const { entities } = deps;

  /** Whether the entry may be indexed: an erased user's private records stay out. */
  const admissible = async (
    productId: string,
    entity: AnySearchEntity,
    entry: SearchEntry,
    owners?: Map<string, boolean>,
  ) => {
    // A record that is its own owner (a user) exists: it was just read.
    if (!entity.erasedWithOwner || entry.owner === null || entry.owner === entry.id) return true;
    const known = owners?.get(entry.owner);
    if (known !== undefined) return known;
    const exists = await deps.ownerExists(productId, entry.owner);
    owners?.set(entry.owner, exists);
    return exists;
  };

  const refresh = async (productId: string, entity: AnySearchEntity, id: string): Promise<void> => {
    const record = await entity.find(productId, id);
    if (record === undefined && entity.writtenBySubscriber) {
      throw new Error(`${entity.type} ${id} is not written yet`);
    }
    const entry = record === undefined ? undefined : entity.entry(record);
    if (!entry || !(await admissible(productId, entity, entry))) {
      await deps.index().delete(productId, entity.type, [id]);
      return;
    }
    await deps.index().upsert([toIndexDoc(productId, entity, entry)]);
  };

  /** Index documents of a page of records, leaving out the inadmissible (`owners` remembers checks). */
  const docsOf = async (
    productId: string,
    entity: AnySearchEntity,
    records: readonly unknown[],
    owners: Map<string, boolean>,
  ) => {
    const docs: FullTextDoc[] = [];
    for (const record of records) {
      const entry = entity.entry(record);
      if (await admissible(productId, entity, entry, owners)) docs.push(toIndexDoc(productId, entity, entry));
    }
    return docs;
  };

  const subscribers = (): Subscriber[] => [
    // Types no event reports on (docs, which are files) are kept by their own start-up pass and by rebuilds.
    ...entities
      .filter((entity) => entity.events.length > 0)
      .map(
        (entity): Subscriber => ({
          name: `search.index-${entity.type.replace('_', '-')}`,
          events: entity.events,
          description: `Keeps the search index's ${entity.label.toLowerCase()} as their records are.`,
          sequential: entity.ordered,
          handle: async (event) => {
            const id = entity.recordId(event);
            if (id) await refresh(event.productId, entity, id);
          },
        }),
      ),
    {
      name: 'search.erase-user',
      events: ['user.deleted'],
      description: "Removes a deleted user's account and private records (feedback) from the search index.",
      handle: async (event) => {
        if (event.type !== 'user.deleted') return;
        await deps.index().deleteWhere(event.productId, {
          owner: event.data.userId,
          kinds: entities.filter((e) => e.erasedWithOwner).map((e) => e.type),
        });
      },
    },
  ];

  return { refresh, docsOf, subscribers };
};

export type Indexer = ReturnType<typeof createIndexer>;
