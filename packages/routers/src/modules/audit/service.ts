import type { Clock, Filter } from '@bytelyst/db/document-store';
import { isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import { randomId } from '../../lib/crypto';
import type { AuditRepository } from './repository';
import type { TAuditEntry, TAuditListInput } from './schema';

export type AuditRecord = Omit<TAuditEntry, 'id'>;

const SECRET_KEY = /password|secret|token|hash/i;

/** A shallow copy of an input without secret-looking keys, for the entry's `details`. */
export const redact = (input: unknown): Record<string, unknown> | undefined => {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : value;
  return out;
};

export const createAuditService = (deps: { repo: AuditRepository; clock: Clock }) => {
  const { repo } = deps;
  return {
    async record(entry: AuditRecord): Promise<TAuditEntry> {
      return withoutSystemFields(await repo.create({ id: randomId(16), ...entry }));
    },
    /** Writes an entry under a caller-chosen id (the event's); an entry already there is left as it is. */
    async recordOnce(entry: TAuditEntry): Promise<boolean> {
      try {
        await repo.create(entry);
        return true;
      } catch (error) {
        if (isStoreError(error, 'conflict')) return false;
        throw error;
      }
    },
    async list(productId: string, input: TAuditListInput) {
      // Normalised to the stored form (milliseconds, Z) so string order is time order.
      const iso = (value: string) => new Date(value).toISOString();
      const at = {
        ...(input.from ? { gte: iso(input.from) } : {}),
        ...(input.to ? { lte: iso(input.to) } : {}),
      };
      const where: Filter<TAuditEntry> = {
        ...(input.actorId ? { actorId: { eq: input.actorId } } : {}),
        ...(input.action ? { action: { eq: input.action } } : {}),
        ...(input.targetId ? { targetId: { eq: input.targetId } } : {}),
        ...(input.impersonatedBy
          ? { impersonatedBy: { eq: input.impersonatedBy } }
          : input.kind
            ? { impersonatedBy: input.kind === 'impersonation' ? { ne: null } : { eq: null } }
            : {}),
        ...(input.from || input.to ? { at } : {}),
      };
      const page = await repo.list(productId, where, input.limit ?? 50, input.cursor);
      return { items: page.items.map((doc) => withoutSystemFields(doc)), nextCursor: page.continuation };
    },
    countSince: (productId: string, sinceIso: string) => repo.count(productId, { at: { gte: sinceIso } }),
    count: (productId: string) => repo.count(productId),
    async find(productId: string, id: string): Promise<TAuditEntry | undefined> {
      const doc = await repo.get(productId, id);
      return doc ? withoutSystemFields(doc) : undefined;
    },
  };
};

export type AuditService = ReturnType<typeof createAuditService>;
