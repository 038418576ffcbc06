import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

/** Incidents from opening to postmortem, as the status page, the event log and a webhook endpoint see them. */
describe('status incidents', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  let root: Awaited<ReturnType<TestHarness['root']>>['caller'];
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    h = await createTestHarness();
    // Receivers judge a message's age by their own clock.
    h.advance(Date.now() - h.clock());
    admin = (await h.signIn(['admin'])).caller;
    root = (await h.root()).caller;
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });

  const publicStatus = async () => (await h.anonymous()).status.get();
  const settle = async () => {
    await h.services.bus.drain();
    await h.services.webhooks.engine.whenIdle();
  };

  it('moves an incident through investigating, identified, monitoring and resolved, then takes a postmortem', async () => {
    await admin.webhooks.endpoints.create({
      url: `${receiver.url}/status`,
      eventTypes: ['status.incident.*'],
    });
    const opened = await admin.status.incidents.create({
      title: 'Elevated API errors',
      message: 'We are looking into errors on the API.',
      components: [
        { id: 'api', impact: 'partial_outage' },
        { id: 'database', impact: 'degraded_performance' },
      ],
    });
    expect(opened).toMatchObject({
      status: 'investigating',
      impact: 'partial_outage',
      components: [
        { id: 'api', name: 'API', impact: 'partial_outage' },
        { id: 'database', name: 'Database', impact: 'degraded_performance' },
      ],
      resolvedAt: null,
    });
    expect(opened.updates).toHaveLength(1);

    const live = await publicStatus();
    expect(live.overallStatus).toBe('partial_outage');
    expect(live.overallDescription).toBe('Partial outage');
    expect(live.services.find((s) => s.id === 'api')?.status).toBe('partial_outage');
    expect(live.services.find((s) => s.id === 'database')?.status).toBe('degraded_performance');
    expect(live.incidents.map((i) => i.id)).toEqual([opened.id]);

    const steps = ['identified', 'monitoring'] as const;
    for (const [index, status] of steps.entries()) {
      h.advance(60_000);
      const next = await admin.status.incidents.createUpdate({
        id: opened.id,
        status,
        message: `Step ${index + 1}: ${status}`,
      });
      expect(next.status).toBe(status);
      expect(next.updates[0]).toMatchObject({ status, message: `Step ${index + 1}: ${status}` });
    }
    // Changing the components posts no update but moves the state.
    const narrowed = await admin.status.incidents.update({
      id: opened.id,
      components: [{ id: 'api', impact: 'major_outage' }],
    });
    expect(narrowed.updates).toHaveLength(3);
    expect((await publicStatus()).services.find((s) => s.id === 'database')?.status).toBe('operational');
    expect((await publicStatus()).overallStatus).toBe('major_outage');
    // A postmortem follows the resolution.
    await expect(
      admin.status.incidents.setPostmortem({ id: opened.id, postmortem: 'Too early' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    h.advance(60_000);
    const resolved = await admin.status.incidents.createUpdate({
      id: opened.id,
      status: 'resolved',
      message: 'Fixed.',
    });
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).toBe(new Date(h.clock()).toISOString());
    expect(resolved.updates.map((u) => u.status)).toEqual([
      'resolved',
      'monitoring',
      'identified',
      'investigating',
    ]);
    const after = await publicStatus();
    expect(after.overallStatus).toBe('operational');
    expect(after.incidents).toEqual([]);
    await expect(
      admin.status.incidents.createUpdate({ id: opened.id, status: 'monitoring', message: 'again' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const withPostmortem = await admin.status.incidents.setPostmortem({
      id: opened.id,
      postmortem: 'A bad deploy; we now canary every release.',
    });
    expect(withPostmortem.postmortem).toBe('A bad deploy; we now canary every release.');
    const history = await (await h.anonymous()).status.getHistory();
    expect(history.incidents[0]).toMatchObject({
      id: opened.id,
      status: 'resolved',
      postmortem: withPostmortem.postmortem,
    });
    const apiToday = history.components.find((c) => c.id === 'api')?.days.at(-1);
    expect(apiToday?.incidents).toEqual([{ id: opened.id, title: 'Elevated API errors' }]);

    // Events: one per change, public, and a subscribed webhook endpoint got each of them.
    await settle();
    const types = async (type: string) =>
      (await root.events.list({ productId: 'platform', type })).items.length;
    expect(await types('status.incident.created')).toBe(1);
    expect(await types('status.incident.updated')).toBe(4); // identified, monitoring, components, postmortem
    expect(await types('status.incident.resolved')).toBe(1);
    const bodies = receiver.received.map(
      (r) => JSON.parse(r.body) as { type: string; data: { status: string } },
    );
    // Each endpoint's lane sends several at once: the order of arrival is not the order of the events.
    expect(bodies.map((b) => `${b.type}:${b.data.status}`).sort()).toEqual(
      [
        'status.incident.created:investigating',
        'status.incident.updated:identified',
        'status.incident.updated:monitoring',
        'status.incident.updated:monitoring',
        'status.incident.resolved:resolved',
        'status.incident.updated:resolved',
      ].sort(),
    );
  });

  it('refuses unknown components and lists open and resolved incidents apart', async () => {
    await expect(
      admin.status.incidents.create({
        title: 'x',
        message: 'y',
        components: [{ id: 'ghost', impact: 'major_outage' }],
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const open = await admin.status.incidents.create({ title: 'Slow sign-in', message: 'Investigating.' });
    expect(open.impact).toBe('none');
    expect((await admin.status.incidents.list({ status: 'open' })).items.map((i) => i.id)).toEqual([open.id]);
    const resolved = (await admin.status.incidents.list({ status: 'resolved' })).items;
    expect(resolved).toHaveLength(1);
    expect(resolved[0]?.status).toBe('resolved');
  });
});
