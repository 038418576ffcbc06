import { describe, expect, it } from 'vitest';
import { describeCatalogue, EVENT_DEFINITIONS, EVENT_TYPES, PUBLIC_EVENT_TYPES } from './catalogue';

/** The events external subscribers can choose. */
const WEBHOOK_TABLE = [
  'user.created',
  'user.deleted',
  'subscription.created',
  'subscription.changed',
  'subscription.canceled',
  'payment.succeeded',
  'payment.failed',
  'invitation.redeemed',
  'referral.completed',
  'waitlist.joined',
  'flag.toggled',
  'license.activated',
  'license.expired',
];

describe('event catalogue', () => {
  it('has every event of the public webhook table, public, with its payload fields', () => {
    for (const type of WEBHOOK_TABLE) expect(PUBLIC_EVENT_TYPES).toContain(type);
    expect(Object.keys(EVENT_DEFINITIONS['payment.failed'].payload.shape).sort()).toEqual(
      [
        'amount',
        'currency',
        'hostedInvoiceUrl',
        'invoiceId',
        'nextRetryAt',
        'retryCount',
        'userId',
        // What dunning orders an invoice's events by (optional, added later).
        'amountDue',
        'attemptCount',
        'stripeEventAt',
        'stripeSubscriptionId',
      ].sort(),
    );
    for (const type of [
      'dunning.started',
      'dunning.final_warning',
      'dunning.downgraded',
      'dunning.recovered',
    ] as const)
      expect(PUBLIC_EVENT_TYPES).toContain(type);
    expect(Object.keys(EVENT_DEFINITIONS['subscription.changed'].payload.shape).sort()).toEqual(
      ['newPlan', 'oldPlan', 'status', 'subscriptionId'].sort(),
    );
  });

  it('keeps the internal events out of the public list', () => {
    expect(EVENT_TYPES).toContain('admin.action');
    expect(PUBLIC_EVENT_TYPES).not.toContain('admin.action');
    expect(PUBLIC_EVENT_TYPES).not.toContain('job.failed');
  });

  it('describes every event with a version, a description and a JSON Schema of its payload', () => {
    const entries = describeCatalogue();
    expect(entries.map((e) => e.type)).toEqual(EVENT_TYPES);
    for (const entry of entries) {
      expect(entry.version).toBeGreaterThanOrEqual(1);
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.schema.type).toBe('object');
    }
    const waitlist = entries.find((e) => e.type === 'waitlist.joined');
    expect(waitlist?.schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      required: ['email', 'position'],
      properties: { position: { type: 'integer', minimum: 1 } },
    });
  });

  it('gives every public event an example payload that its schema parses to itself', () => {
    expect(PUBLIC_EVENT_TYPES.length).toBeGreaterThanOrEqual(WEBHOOK_TABLE.length);
    for (const type of PUBLIC_EVENT_TYPES) {
      expect(EVENT_DEFINITIONS[type].example, `${type} has no example`).toBeTypeOf('object');
    }
    // Internal events may carry one too; the same rule holds for them.
    const withExample = EVENT_TYPES.filter((type) => EVENT_DEFINITIONS[type].example !== undefined);
    for (const type of withExample) {
      const { example, payload } = EVENT_DEFINITIONS[type];
      // Equal to what it parses to: no default filled in, no unknown key stripped, nothing transformed.
      expect(payload.parse(example), type).toStrictEqual(example);
      // It is sent as a JSON body: nothing in it may be lost on the way.
      expect(JSON.parse(JSON.stringify(example)), type).toStrictEqual(example);
    }
  });

  it('describes each event with its example, null for an internal event without one', () => {
    const entries = new Map(describeCatalogue().map((entry) => [entry.type, entry]));
    expect(entries.get('payment.failed')?.example).toStrictEqual(EVENT_DEFINITIONS['payment.failed'].example);
    expect(entries.get('user.created')?.example).toMatchObject({ email: 'ada@example.com' });
    expect(entries.get('admin.action')?.example).toBeNull();
    for (const type of PUBLIC_EVENT_TYPES) expect(entries.get(type)?.example, type).not.toBeNull();
  });

  it('validates payloads with the zod schema', () => {
    const schema = EVENT_DEFINITIONS['flag.toggled'].payload;
    expect(schema.safeParse({ flagId: 'f', enabled: true, percentage: 50 }).success).toBe(true);
    expect(schema.safeParse({ flagId: 'f', enabled: true, percentage: 150 }).success).toBe(false);
    expect(schema.safeParse({ flagId: 'f', enabled: 'yes', percentage: 5 }).success).toBe(false);
  });
});
