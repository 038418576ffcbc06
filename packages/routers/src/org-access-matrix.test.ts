import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root';
import { createTestHarness, type TestHarness } from './testing/harness';
import { restCaller } from './testing/rest';

/**
 * The org and team roles of every org-scoped procedure, through both faces: for each procedure, which callers
 * pass the check in org-access.ts and which get 403. Inputs name things that do not exist where they can
 * (a user id, a team), so a caller who passes gets a 404 and the fixture stays as it is.
 */
const CALLERS = [
  'owner',
  'admin',
  'member',
  'billing',
  'maintainer',
  'teamMember',
  'outsider',
  'platformAdmin',
] as const;
type Caller = (typeof CALLERS)[number];

const READ: Caller[] = ['owner', 'admin', 'member', 'billing', 'maintainer', 'teamMember', 'platformAdmin'];
const MANAGE: Caller[] = ['owner', 'admin', 'platformAdmin'];
const BILLING: Caller[] = ['owner', 'admin', 'billing', 'platformAdmin'];
const TEAM_MAINTAIN: Caller[] = ['owner', 'admin', 'maintainer', 'platformAdmin'];

type Ids = { orgId: string; teamId: string };
type Row = {
  path: string;
  allowed: readonly Caller[];
  input: (ids: Ids) => Record<string, unknown>;
  rest: (ids: Ids) => { method: string; path: string; body?: unknown };
};

const NOBODY = 'usr_nobody';
const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

const MATRIX: Row[] = [
  {
    path: 'orgs.get',
    allowed: READ,
    input: (i) => ({ orgId: i.orgId }),
    rest: (i) => ({ method: 'GET', path: `/orgs/${i.orgId}` }),
  },
  {
    path: 'orgs.update',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId, name: 'Matrix' }),
    rest: (i) => ({ method: 'PATCH', path: `/orgs/${i.orgId}`, body: { name: 'Matrix' } }),
  },
  {
    path: 'orgs.transfer',
    allowed: ['owner', 'platformAdmin'],
    input: (i) => ({ orgId: i.orgId, userId: NOBODY }),
    rest: (i) => ({ method: 'POST', path: `/orgs/${i.orgId}/transfer`, body: { userId: NOBODY } }),
  },
  {
    path: 'orgs.getSubscription',
    allowed: BILLING,
    input: (i) => ({ orgId: i.orgId }),
    rest: (i) => ({ method: 'GET', path: `/orgs/${i.orgId}/subscription` }),
  },
  {
    path: 'orgs.setSubscription',
    allowed: ['owner', 'billing', 'platformAdmin'],
    input: (i) => ({ orgId: i.orgId, userId: NOBODY }),
    rest: (i) => ({ method: 'PUT', path: `/orgs/${i.orgId}/subscription`, body: { userId: NOBODY } }),
  },
  {
    path: 'orgs.getUsage',
    allowed: BILLING,
    input: (i) => ({ orgId: i.orgId }),
    rest: (i) => ({ method: 'GET', path: `/orgs/${i.orgId}/usage` }),
  },
  {
    path: 'orgs.members.list',
    allowed: READ,
    input: (i) => ({ orgId: i.orgId }),
    rest: (i) => ({ method: 'GET', path: `/orgs/${i.orgId}/members` }),
  },
  {
    path: 'orgs.members.create',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId, userId: NOBODY }),
    rest: (i) => ({ method: 'POST', path: `/orgs/${i.orgId}/members`, body: { userId: NOBODY } }),
  },
  {
    path: 'orgs.members.update',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId, userId: NOBODY, role: 'member' }),
    rest: (i) => ({ method: 'PATCH', path: `/orgs/${i.orgId}/members/${NOBODY}`, body: { role: 'member' } }),
  },
  {
    path: 'orgs.members.delete',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId, userId: NOBODY }),
    rest: (i) => ({ method: 'DELETE', path: `/orgs/${i.orgId}/members/${NOBODY}` }),
  },
  {
    path: 'orgs.teams.list',
    allowed: READ,
    input: (i) => ({ orgId: i.orgId }),
    rest: (i) => ({ method: 'GET', path: `/orgs/${i.orgId}/teams` }),
  },
  {
    path: 'orgs.teams.create',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId, name: 'Matrix team' }),
    rest: (i) => ({ method: 'POST', path: `/orgs/${i.orgId}/teams`, body: { name: 'Matrix team' } }),
  },
  {
    path: 'orgs.teams.update',
    allowed: TEAM_MAINTAIN,
    input: (i) => ({ orgId: i.orgId, teamId: i.teamId, name: 'Research' }),
    rest: (i) => ({
      method: 'PATCH',
      path: `/orgs/${i.orgId}/teams/${i.teamId}`,
      body: { name: 'Research' },
    }),
  },
  {
    path: 'orgs.teams.delete',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId, teamId: 'team_nonexistent' }),
    rest: (i) => ({ method: 'DELETE', path: `/orgs/${i.orgId}/teams/team_nonexistent` }),
  },
  {
    path: 'orgs.teams.setMember',
    allowed: TEAM_MAINTAIN,
    input: (i) => ({ orgId: i.orgId, teamId: i.teamId, userId: NOBODY, role: 'member' }),
    rest: (i) => ({
      method: 'PUT',
      path: `/orgs/${i.orgId}/teams/${i.teamId}/members/${NOBODY}`,
      body: { role: 'member' },
    }),
  },
  {
    path: 'orgs.teams.deleteMember',
    allowed: TEAM_MAINTAIN,
    input: (i) => ({ orgId: i.orgId, teamId: i.teamId, userId: NOBODY }),
    rest: (i) => ({ method: 'DELETE', path: `/orgs/${i.orgId}/teams/${i.teamId}/members/${NOBODY}` }),
  },
  {
    path: 'orgs.invitations.list',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId }),
    rest: (i) => ({ method: 'GET', path: `/orgs/${i.orgId}/invitations${q({ status: 'pending' })}` }),
  },
  {
    path: 'orgs.invitations.create',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId, email: 'matrix@example.com' }),
    rest: (i) => ({
      method: 'POST',
      path: `/orgs/${i.orgId}/invitations`,
      body: { email: 'matrix@example.com' },
    }),
  },
  {
    path: 'orgs.invitations.revoke',
    allowed: MANAGE,
    input: (i) => ({ orgId: i.orgId, invitationId: 'oi_nonexistent' }),
    rest: (i) => ({ method: 'POST', path: `/orgs/${i.orgId}/invitations/oi_nonexistent/revoke`, body: {} }),
  },
];

const ORG_SCOPED = Object.keys(appRouter._def.procedures).filter(
  (path) => path.startsWith('orgs.') && !['orgs.list', 'orgs.listMine', 'orgs.create'].includes(path),
);
/** Org-scoped procedures covered elsewhere: leaving (a member's own act) and the public invitation link. */
const ELSEWHERE = ['orgs.leave', 'orgs.invitations.validate', 'orgs.invitations.accept'];

const codeOf = async (fn: () => Promise<unknown>): Promise<string> => {
  try {
    await fn();
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
};

const call = (caller: unknown, path: string, input: unknown): Promise<unknown> => {
  let target: unknown = caller;
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  return (target as (input: unknown) => Promise<unknown>)(input);
};

describe('org access matrix (org and team roles, both faces)', () => {
  let h: TestHarness;
  let ids: Ids;
  const who = {} as Record<Caller, { caller: unknown; bearer: string }>;

  beforeAll(async () => {
    h = await createTestHarness();
    const signed = {} as Record<Caller, Awaited<ReturnType<TestHarness['signIn']>>>;
    for (const name of CALLERS) {
      signed[name] = await h.signIn(name === 'platformAdmin' ? ['admin'] : ['user']);
      who[name] = { caller: signed[name].caller, bearer: signed[name].auth.accessToken };
    }
    const owner = signed.owner.caller;
    const org = await owner.orgs.create({ name: 'Matrix' });
    const add = (name: Caller, role: 'admin' | 'member' | 'billing') =>
      owner.orgs.members.create({ orgId: org.id, userId: signed[name].user.id, role });
    await add('admin', 'admin');
    await add('member', 'member');
    await add('billing', 'billing');
    await add('maintainer', 'member');
    await add('teamMember', 'member');
    const team = await owner.orgs.teams.create({ orgId: org.id, name: 'Research' });
    const set = (name: Caller, role: 'maintainer' | 'member') =>
      owner.orgs.teams.setMember({ orgId: org.id, teamId: team.id, userId: signed[name].user.id, role });
    await set('maintainer', 'maintainer');
    await set('teamMember', 'member');
    ids = { orgId: org.id, teamId: team.id };
  }, 60_000);
  afterAll(async () => h.close());

  it('covers every org-scoped procedure', () => {
    expect(ORG_SCOPED.length).toBeGreaterThan(15);
    expect([...MATRIX.map((row) => row.path), ...ELSEWHERE].sort()).toEqual([...ORG_SCOPED].sort());
  });

  it.each(MATRIX)('$path on tRPC: the allowed roles pass, the others get 403', async (row) => {
    for (const name of CALLERS) {
      const code = await codeOf(() => call(who[name].caller, row.path, row.input(ids)));
      if (row.allowed.includes(name)) {
        expect(['FORBIDDEN', 'UNAUTHORIZED', 'INTERNAL_SERVER_ERROR'], `${name} ${row.path}`).not.toContain(
          code,
        );
      } else {
        expect(code, `${name} ${row.path}`).toBe('FORBIDDEN');
      }
    }
  });

  it.each(MATRIX)(
    '$path on REST: the allowed roles pass, the others get 403',
    async (row) => {
      const rest = restCaller(h);
      const { method, path, body } = row.rest(ids);
      for (const name of CALLERS) {
        const response = await rest(method, path, { bearer: who[name].bearer, ...(body ? { body } : {}) });
        if (row.allowed.includes(name)) {
          expect(
            [401, 403, 500],
            `${name} ${method} ${path}: ${await response.clone().text()}`,
          ).not.toContain(response.status);
          expect(response.status, `${name} ${method} ${path}`).toBeLessThan(500);
        } else {
          expect(response.status, `${name} ${method} ${path}`).toBe(403);
        }
      }
      // Anonymous: 401 before any role is looked at.
      expect((await rest(method, path, body ? { body } : {})).status).toBe(401);
    },
    120_000,
  );

  it('leaving is for members: an outsider and a platform admin who is not a member get 403 on both faces', async () => {
    const rest = restCaller(h);
    for (const name of ['outsider', 'platformAdmin'] as const) {
      expect(await codeOf(() => call(who[name].caller, 'orgs.leave', { orgId: ids.orgId }))).toBe(
        'FORBIDDEN',
      );
      const response = await rest('POST', `/orgs/${ids.orgId}/leave`, { bearer: who[name].bearer, body: {} });
      expect(response.status).toBe(403);
    }
  });
});
