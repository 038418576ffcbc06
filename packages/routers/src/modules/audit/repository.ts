import type { DocumentStore, Filter } from '@bytelyst/db/document-store';
import { AUDIT_CONTAINERS } from './containers';
import type { TAuditEntry } from './schema';

export const createAuditRepository = (store: DocumentStore) => {
  const log = () => store.container<TAuditEntry>(AUDIT_CONTAINERS.auditLog.name);
  return {
    create: (entry: TAuditEntry) => log().create(entry),
    get: (productId: string, id: string) => log().read(id, productId),
    /** Newest first within one product's partition. */
    list: (productId: string, where: Filter<TAuditEntry>, limit: number, continuation?: string) =>
      log().query({
        partitionKey: productId,
        where,
        orderBy: [{ field: 'at', direction: 'desc' }],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    count: (productId: string, where: Filter<TAuditEntry> = {}) =>
      log().count({ partitionKey: productId, where }),
  };
};

export type AuditRepository = ReturnType<typeof createAuditRepository>;
