import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const ORGS_CONTAINERS = {
  /**
   * Organizations (`docType: 'org'`), their members (`member`, id `mem:<orgId>:<userId>`), teams (`team`, with
   * their members inside) and invitations (`invite`), all in the product's partition: every change to an org
   * replaces its org document under its etag in the same transactional batch, so changes to one org are
   * serialized and its counts (members, owners, teams) never drift from the documents they count.
   */
  orgs: {
    name: 'orgs',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['orgId'], ['userId'], ['docType', 'createdAt']],
  },
} as const satisfies Record<string, ContainerDef>;
