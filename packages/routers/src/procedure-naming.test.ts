import { generateOpenApiDocument } from 'trpc-to-openapi';
import { describe, expect, it } from 'vitest';
import { appRouter } from './root';
import { REST_OPERATIONS } from './testing/rest-operations';
import type { Meta } from './trpc';

// The rules are written down in docs/procedure-naming.md; this test is what keeps them true, because a
// renamed key breaks every tRPC client and so must never happen by accident.

type Procedure = { _def: { type: string; meta?: Meta } };

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>).map(
  ([path, procedure]) => ({
    path,
    key: path.split('.').at(-1) ?? path,
    type: procedure._def.type,
    level: procedure._def.meta?.level,
    rest: procedure._def.meta?.openapi,
  }),
);

const CRUD = ['get', 'list', 'create', 'update', 'delete'];

/** Counts and aggregates: `stats` for the product, `statsMine` for the caller. */
const AGGREGATES = ['stats'];

/** Verbs that say something the CRUD words cannot; a new one needs a reason here. */
const DOMAIN_VERBS: Record<string, string> = {
  register: 'self-service sign-up, or a device registering itself for push',
  unregister: 'a device withdrawing itself from push',
  login: 'exchanges credentials for a session',
  refresh: 'rotates a refresh token',
  logout: 'ends the current session',
  impersonate: 'opens a read-only shadow session as another user (admin shadow mode)',
  end: 'ends something running before its time (an impersonation)',
  request:
    'asks for a mail whose sending is not revealed (a password reset link); asks for something done later (an address change confirmed by mail, a data export, an account deletion after its grace period)',
  reset: 'sets a new password with a one-time token from a mail',
  verify: "marks an email address verified: by its mailed token, or by an admin's word",
  resend: 'sends again what was sent before (a verification link, a webhook message with its webhook-id)',
  rotate: 'replaces a secret while the previous one stays valid for an overlap',
  recover:
    'sends again what an endpoint missed since a time; brings a deleted secret back within its recovery window',
  reveal: "shows a secret's value to a super_admin, with a reason kept in the audit log",
  reencrypt: 'seals stored values again under the current encryption key (a job)',
  set: 'replaces a whole value (PUT), unlike a partial update',
  enable: 'reversible status change, the record stays',
  disable: 'reversible status change that also revokes sessions',
  transition: 'moves a product through its lifecycle states',
  revoke: 'invalidates a credential but keeps it for the record',
  validate: 'checks a credential or code without changing it',
  replay: 'redelivers an event to its subscribers',
  reassign: 'moves a record to another owner (a memory item to another user)',
  send: 'hands a message (a test mail, an announcement) to the delivery providers',
  preview: 'renders or counts what an action would do, without doing it',
  trigger: 'runs a job now',
  pause: 'stops a job from being scheduled; stops assigning units to a running experiment',
  resume: 'lets a paused job be scheduled again',
  archive: 'hides a plan from sale but keeps it for existing subscribers',
  change: "moves a subscription to another plan; replaces the caller's password given the current one",
  cancel: 'ends a subscription, which stays on record; calls off a scheduled account deletion',
  record: 'adds a usage sample',
  check: 'asks whether a quota still allows an action; runs a status monitor now ("check now")',
  activate: 'binds a license to a device',
  deactivate: 'unbinds a license from a device; switches a promo code off, which Stripe keeps with its count',
  redeem: "spends an invitation code; applies a promo code to the caller's subscription",
  track: 'counts a referral link visit',
  claim: 'attributes a sign-up to a referral code',
  invite: 'moves waitlist entries to invited and mails them',
  join: 'adds the caller to the waitlist',
  remove: 'takes a waitlist entry off the list but keeps it, with its position, as removed',
  evaluate: 'resolves flags for a client',
  explain: 'shows why a flag resolves as it does',
  toggle: "flips a flag on or off; flips the caller's vote on a public roadmap item",
  ingest: 'accepts a batch of client telemetry',
  erase: "deletes a user's telemetry everywhere (GDPR), not one record",
  triage: 'sets status and priority of a tracker item',
  vote: 'adds the caller’s vote',
  unvote: 'withdraws the caller’s vote',
  moderate: "an admin's audited take-down of someone else's comment; `delete` is the author's",
  discover: "fetches an identity provider's published metadata and reports it",
  start:
    'begins a sign-in with an identity provider (the URL to send the browser to); starts or resumes an experiment',
  finish: "ends a sign-in with the identity provider's answer",
  report: 'a user disowns a sign-in from its mail\'s "this wasn\'t me" link, which ends that session',
  subscribe: 'asks for status notices by mail (double opt-in: a confirmation link is mailed first)',
  confirm: "completes a double opt-in with the mailed link's token (a status subscription, a new address)",
  unsubscribe: "ends a mail subscription with a notice's one-click token",
  convert: 'turns feedback into a tracker item, which the feedback then points at',
  reply: 'answers feedback by mail through delivery, keeping the answer with it',
  dismiss: 'sets feedback aside in the inbox; it stays on record',
  assign: "buckets a client into the running experiments and records the unit's first exposure",
  conclude: 'ends an experiment with a winner (or none) and a reason, which drives its flag',
  approve:
    "a super_admin's consent to an irreversible migration, which then runs; an admin's acceptance of a roadmap suggestion",
  reject: "an admin's refusal of a roadmap suggestion, with a reason its author sees; it stays on record",
  retry: 'runs a failed (or rolled back) migration again',
  rollback: 'undoes an applied migration with its down; the record stays, as rolled back',
  release: 'ends a legal hold; the hold stays on record with who released it and when',
  publish:
    "makes a changelog entry visible to clients, now or at a scheduled time; freezes a theme's draft as a numbered version",
  revert: "sets a theme's draft back to a published version's tokens; the versions stay",
  unpublish: 'takes a published or scheduled changelog entry back to draft; it stays on record',
  restore: 'writes a backup back into the store (all containers or one), after its dry run',
  query: 'a ranked full-text search (not a paged list): best matches first, a few per type',
  transfer: "moves an organization's ownership to another member",
  leave: "the caller's own exit from an organization (not a removal by someone else)",
  accept: 'spends an invitation link: the invited account joins the organization',
};

const VERBS = new Set([...CRUD, ...AGGREGATES, ...Object.keys(DOMAIN_VERBS)]);

/** verb, then an optional PascalCase noun or qualifier (`getRun`, `listByUser`, `getPreferencesMine`). */
const SHAPE = /^([a-z]+)((?:[A-Z][a-z0-9]*)*)$/;

const mineSegment = (path: string) => path.split('/').some((part) => part === 'me' || part === 'mine');

describe('procedure keys', () => {
  it.each(procedures)('$path is a camelCase verb the convention knows', ({ key }) => {
    const match = SHAPE.exec(key);
    expect(match, `${key} is not camelCase`).not.toBeNull();
    expect(VERBS.has(match?.[1] ?? ''), `${key} starts with no known verb`).toBe(true);
  });

  it.each(procedures)(
    '$path uses `Mine` for the caller’s own resources and nothing else',
    ({ key, level, rest }) => {
      expect(key, 'ForUser: take the user id as input instead').not.toMatch(/ForUser$/);
      if (key.endsWith('Mine')) expect(level, `${key} acts for the caller, so it is authed`).toBe('authed');
      if (rest && mineSegment(rest.path)) expect(key, `${rest.path} is the caller's own`).toMatch(/Mine$/);
      if (key.endsWith('All')) expect(level, `${key} widens an admin view`).toMatch(/^(admin|superAdmin)$/);
    },
  );

  it.each(procedures)('$path: create, update and delete are mutations', ({ key, type }) => {
    if (/^(create|update|delete)/.test(key)) expect(type).toBe('mutation');
  });

  it('gives every domain verb a reason and uses each at least once', () => {
    const used = new Set(procedures.map(({ key }) => SHAPE.exec(key)?.[1]));
    const unused = Object.keys(DOMAIN_VERBS).filter((verb) => !used.has(verb));
    expect(unused, 'drop verbs no procedure uses').toEqual([]);
  });
});

describe('REST face', () => {
  it('keeps every method and path exactly as recorded: keys are renamed, REST paths never', () => {
    const doc = generateOpenApiDocument(appRouter, { title: 'naming', version: '0', baseUrl: '/v1' });
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual([...REST_OPERATIONS].sort());
  });
});
