/**
 * The runner's records in the `migrations` container, one per migration (id = the migration's id), all in the
 * `platform` partition. Every write can carry an outbox, so the events of a status change commit with it.
 */
import { CONTAINERS } from '../containers';
import {
  type DocumentStore,
  isStoreError,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '../document-store';
import { MIGRATIONS_PRODUCT_ID, type MigrationDoc } from './definition';

/** Who asked for a run: an admin's id and email, or null for the start-up run. */
export type MigrationActor = { id: string; email: string } | null;

export type MigrationTrigger = 'startup' | 'approval' | 'retry' | 'rollback';

/** A status change worth reporting; the runner hands it to `outbox` with the write that makes it. */
export type MigrationTransition = {
  kind: 'awaiting_approval' | 'approved' | 'applied' | 'failed' | 'rolled_back';
  doc: MigrationDoc;
  actor: MigrationActor;
  trigger: MigrationTrigger;
};

export type TransitionOutbox = (transition: MigrationTransition) => Outbox | undefined;

const WRITE_ATTEMPTS = 5;

export const createMigrationRecords = (store: DocumentStore, outboxFor?: TransitionOutbox) => {
  const records = () => store.container<MigrationDoc>(CONTAINERS.migrations.name);
  const outboxOf = (
    next: MigrationDoc,
    report: ((next: MigrationDoc) => Omit<MigrationTransition, 'doc'> | undefined) | undefined,
  ): Outbox | undefined => {
    const transition = report?.(next);
    return transition && outboxFor ? outboxFor({ ...transition, doc: next }) : undefined;
  };

  return {
    /** Every record, by id. */
    async all(): Promise<Map<string, MigrationDoc>> {
      const out = new Map<string, MigrationDoc>();
      let continuation: string | undefined;
      do {
        const page = await records().query({
          partitionKey: MIGRATIONS_PRODUCT_ID,
          orderBy: [{ field: 'version' }],
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        });
        for (const doc of page.items) out.set(doc.id, withoutSystemFields(doc));
        continuation = page.continuation ?? undefined;
      } while (continuation);
      return out;
    },

    async get(id: string): Promise<MigrationDoc | undefined> {
      const doc = await records().read(id, MIGRATIONS_PRODUCT_ID);
      return doc ? withoutSystemFields(doc) : undefined;
    },

    /**
     * Creates or changes one record: `change` sees the current record (undefined when there is none) and
     * returns the next, or null to leave it. A concurrent writer makes it read again and re-apply. Resolves to
     * the written record, or undefined when `change` declined.
     */
    async write(
      id: string,
      change: (current: MigrationDoc | undefined) => MigrationDoc | null,
      report?: (next: MigrationDoc) => Omit<MigrationTransition, 'doc'> | undefined,
    ): Promise<Stored<MigrationDoc> | undefined> {
      for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt += 1) {
        const current = await records().read(id, MIGRATIONS_PRODUCT_ID);
        if (!current) {
          const next = change(undefined);
          if (!next) return undefined;
          const outbox = outboxOf(next, report);
          try {
            return await records().create(next, outbox ? { outbox } : {});
          } catch (error) {
            if (isStoreError(error, 'conflict')) continue;
            throw error;
          }
        }
        const result = await records().mutate(
          id,
          MIGRATIONS_PRODUCT_ID,
          (stored) => change(withoutSystemFields(stored)),
          { outbox: (next) => outboxOf(next, report) },
        );
        if (result) return result.changed ? result.doc : undefined;
      }
      throw new Error(`migration record ${id} kept changing under the runner`);
    },
  };
};

export type MigrationRecords = ReturnType<typeof createMigrationRecords>;
