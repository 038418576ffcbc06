import { describe, expect, it } from 'vitest';
import { renderEmail } from './render';
import { TEMPLATE_META, TEMPLATE_PREVIEW_PROPS } from './templates';

const confirm = TEMPLATE_PREVIEW_PROPS['status-subscription-confirm'];
const notice = TEMPLATE_PREVIEW_PROPS['status-notice'];

describe('status page mails', () => {
  it('are transactional, so a maintenance hold never keeps them back', () => {
    expect(TEMPLATE_META['status-subscription-confirm'].transactional).toBe(true);
    expect(TEMPLATE_META['status-notice'].transactional).toBe(true);
  });

  it('asks to confirm a subscription, says how long the link works and that nothing comes without it', async () => {
    const { subject, text, html } = await renderEmail('status-subscription-confirm', confirm);
    expect(subject).toBe('Confirm your subscription to LysnrAI status updates');
    expect(text).toContain(confirm.confirmUrl);
    expect(text).toContain('This link works for 48 hours.');
    expect(text).toContain('nothing is sent to you unless you confirm');
    expect(html).toContain(`href="${confirm.statusPageUrl}"`);
  });

  it('gives an incident update with its status, message, components and a one-click stop link', async () => {
    const { subject, text, html } = await renderEmail('status-notice', notice);
    expect(subject).toBe('[LysnrAI status] Elevated API error rates (Identified)');
    expect(text).toContain('The cause is identified: a faulty deploy. We are rolling it back.');
    expect(text).toContain('Status: Identified');
    expect(text).toContain('Affected: API');
    expect(text).toContain('Posted: March 14, 2026 at 9:50 AM UTC');
    expect(html).toContain(`href="${notice.unsubscribeLink}"`);
    expect(text).toContain(`Stop status emails ${notice.unsubscribeLink}`);
  });

  it('gives a maintenance notice with its window', async () => {
    const { subject, text } = await renderEmail('status-notice', {
      ...notice,
      kind: 'maintenance',
      title: 'Database upgrade',
      state: 'Scheduled',
      message: 'Sign-in may be slow for a few minutes.',
      components: ['Database'],
      scheduledStart: '2026-03-20T02:00:00.000Z',
      scheduledEnd: '2026-03-20T03:00:00.000Z',
    });
    expect(subject).toBe('[LysnrAI status] Maintenance: Database upgrade (Scheduled)');
    expect(text).toContain('Starts: March 20, 2026 at 2:00 AM UTC');
    expect(text).toContain('Ends: March 20, 2026 at 3:00 AM UTC');
  });
});
