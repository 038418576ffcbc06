import {
  type BatchOperation,
  type DocumentStore,
  isStoreError,
  type Outbox,
  type Stored,
  withoutSystemFields,
} from '@bytelyst/db/document-store';
import { ORGS_CONTAINERS } from './containers';
import type { TOrg, TOrgMember, TOrgRole, TTeam } from './schema';

export type OrgDoc = TOrg & { docType: 'org' };
/** `createdAt` = `joinedAt`: every document of an org lists in creation order. */
export type MemberDoc = TOrgMember & { id: string; productId: string; docType: 'member'; createdAt: string };
export type TeamDoc = TTeam & { productId: string; docType: 'team' };
export type InviteDoc = {
  id: string;
  productId: string;
  docType: 'invite';
  orgId: string;
  email: string;
  role: TOrgRole;
  /** Stored state; `expired` is derived from `expiresAt` when read. */
  state: 'pending' | 'accepted' | 'revoked';
  /** SHA-256 of the whole token: what accepting checks. */
  tokenHash: string;
  /** The token sealed to this invitation, for its mail, sent by a subscriber after the commit. */
  sealedToken?: string | null;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
};
export type AnyOrgDoc = OrgDoc | MemberDoc | TeamDoc | InviteDoc;

export const memberIdOf = (orgId: string, userId: string) => `mem:${orgId}:${userId}`;

/** What one change to an org writes: the org document's next state, the other operations, their events. */
export type OrgChange = { org: OrgDoc; ops: BatchOperation<AnyOrgDoc>[]; outbox?: Outbox };

/** Rounds of read-plan-commit before an org counts as busy. */
const COMMIT_ATTEMPTS = 20;
/** Members, teams and invitations of one org read in one page; a larger org is paged. */
const PAGE = 500;

export const toOrg = (doc: OrgDoc | Stored<OrgDoc>): TOrg => {
  const { docType: _, ...org } = withoutSystemFields(doc);
  return org;
};
export const toMember = (doc: MemberDoc): TOrgMember => ({
  orgId: doc.orgId,
  userId: doc.userId,
  email: doc.email,
  name: doc.name,
  role: doc.role,
  joinedAt: doc.joinedAt,
});
export const toTeam = (doc: TeamDoc): TTeam => ({
  id: doc.id,
  orgId: doc.orgId,
  name: doc.name,
  members: doc.members,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

export const createOrgsRepository = (store: DocumentStore) => {
  const docs = () => store.container<AnyOrgDoc>(ORGS_CONTAINERS.orgs.name);
  const readAs = async <D extends AnyOrgDoc>(productId: string, id: string, type: D['docType']) => {
    const doc = await docs().read(id, productId);
    return doc?.docType === type ? (doc as unknown as Stored<D>) : undefined;
  };
  const all = async <D extends AnyOrgDoc>(
    productId: string,
    where: Record<string, { eq: string }>,
    type: D['docType'],
  ): Promise<Stored<D>[]> => {
    const out: Stored<D>[] = [];
    let continuation: string | undefined;
    do {
      const page = await docs().query({
        partitionKey: productId,
        where: { ...where, docType: { eq: type } },
        orderBy: [{ field: 'createdAt', direction: 'asc' }],
        limit: PAGE,
        ...(continuation ? { continuation } : {}),
      });
      out.push(...(page.items as unknown as Stored<D>[]));
      continuation = page.continuation ?? undefined;
    } while (continuation);
    return out;
  };
  return {
    org: (productId: string, orgId: string) => readAs<OrgDoc>(productId, orgId, 'org'),
    member: (productId: string, orgId: string, userId: string) =>
      readAs<MemberDoc>(productId, memberIdOf(orgId, userId), 'member'),
    team: (productId: string, teamId: string) => readAs<TeamDoc>(productId, teamId, 'team'),
    invite: (productId: string, id: string) => readAs<InviteDoc>(productId, id, 'invite'),
    /** Members in order of joining (`createdAt` is their join time). */
    members: (productId: string, orgId: string) =>
      all<MemberDoc>(productId, { orgId: { eq: orgId } }, 'member'),
    teams: (productId: string, orgId: string) => all<TeamDoc>(productId, { orgId: { eq: orgId } }, 'team'),
    invites: (productId: string, orgId: string) =>
      all<InviteDoc>(productId, { orgId: { eq: orgId } }, 'invite'),
    /** Every membership of one user in the product. */
    membershipsOf: (productId: string, userId: string) =>
      all<MemberDoc>(productId, { userId: { eq: userId } }, 'member'),
    listOrgs: (productId: string, limit: number, continuation?: string) =>
      docs().query({
        partitionKey: productId,
        where: { docType: { eq: 'org' } },
        orderBy: [
          { field: 'docType', direction: 'asc' },
          { field: 'createdAt', direction: 'desc' },
        ],
        limit,
        ...(continuation ? { continuation } : {}),
      }) as Promise<{ items: Stored<OrgDoc>[]; continuation: string | null }>,
    countOrgs: (productId: string) =>
      docs().count({ partitionKey: productId, where: { docType: { eq: 'org' } } }),
    /** A new org with its first documents (the owner's membership), in one batch with its events. */
    createOrg: (org: OrgDoc, rest: AnyOrgDoc[], outbox: Outbox) =>
      docs().batch(
        org.productId,
        [org, ...rest].map((doc) => ({ op: 'create' as const, doc })),
        { outbox },
      ),
    /**
     * One change to an org: reads it, lets `plan` decide (it may read more, and throws to refuse), then writes
     * the org document under the etag it read with the plan's other operations and events in one batch. A
     * concurrent change to the same org fails the etag and the whole round is planned again, so what `plan`
     * checked still holds when its writes land. Undefined when the org does not exist; `changed: false` when
     * the plan had nothing to do.
     */
    async commit(
      productId: string,
      orgId: string,
      plan: (org: Stored<OrgDoc>) => Promise<OrgChange | null>,
    ): Promise<{ org: OrgDoc; changed: boolean } | undefined> {
      for (let attempt = 1; ; attempt++) {
        const current = await readAs<OrgDoc>(productId, orgId, 'org');
        if (!current) return undefined;
        const change = await plan(current);
        if (!change) return { org: withoutSystemFields(current), changed: false };
        try {
          // The org document first: a lost race fails before anything else is touched.
          await docs().batch(
            productId,
            [{ op: 'replace', doc: change.org, ifMatch: current._etag }, ...change.ops],
            change.outbox ? { outbox: change.outbox } : undefined,
          );
          return { org: change.org, changed: true };
        } catch (error) {
          const raced = isStoreError(error, 'precondition_failed') || isStoreError(error, 'conflict');
          if (!raced || attempt >= COMMIT_ATTEMPTS) throw error;
        }
      }
    },
    /** Deletes documents of an org that is gone, a batch at a time (erasure). */
    async purge(productId: string, ids: readonly string[]): Promise<void> {
      for (let i = 0; i < ids.length; i += 90) {
        const ops = ids.slice(i, i + 90).map((id) => ({ op: 'delete' as const, id }));
        await docs()
          .batch(productId, ops)
          .catch(async (error: unknown) => {
            // One of them went meanwhile: delete the rest one by one.
            if (!isStoreError(error, 'not_found')) throw error;
            for (const op of ops) await docs().delete(op.id, productId);
          });
      }
    },
    deleteOrg: (productId: string, orgId: string, ifMatch: string, outbox: Outbox) =>
      docs().delete(orgId, productId, { ifMatch, outbox }),
  };
};

export type OrgsRepository = ReturnType<typeof createOrgsRepository>;
