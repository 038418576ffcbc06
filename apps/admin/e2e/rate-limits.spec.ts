import { expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as product clients call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

/**
 * A client address of its own (TEST-NET-3), given through X-Forwarded-For: the e2e API trusts its loopback
 * peer, so these requests count for that address and never for 127.0.0.1, which every other spec uses.
 */
const OFFENDER = `203.0.113.${10 + (Date.now() % 200)}`;
const asOffender = { 'x-forwarded-for': OFFENDER };

test('a client over a limit shows among the offenders and is blocked from there', async ({
  page,
  request,
}) => {
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  expect(login.status()).toBe(200);
  const signedIn = (await login.json()) as { accessToken: string; user: { id: string } };
  const admin = { authorization: `Bearer ${signedIn.accessToken}` };
  const created = await request.post(`${API}/ratelimit/rules`, {
    headers: admin,
    data: { name: 'E2E plan reads', match: ['GET /v1/plans'], key: 'ip', limit: 3, windowSeconds: 60 },
  });
  expect(created.status()).toBe(200);
  const rule = (await created.json()) as { id: string };
  try {
    // Over the limit: three answered with the headers, then 429 naming the rule.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await request.get(`${API}/plans`, { headers: asOffender });
      statuses.push(res.status());
      if (i === 0) expect(res.headers()['ratelimit-limit']).toBe('3');
      if (res.status() === 429) {
        expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
        expect(((await res.json()) as { error: { rule: string } }).error.rule).toBe(rule.id);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);

    await signIn(page);
    // A click that lands while the sidebar is still hydrating does nothing: try again until the page opens.
    await expect(async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rate limits' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rate limits', { timeout: 3000 });
    }).toPass({ timeout: 20_000 });
    const offenders = page.getByRole('region', { name: 'Top offenders' });
    const row = offenders.getByRole('row').filter({ hasText: OFFENDER });
    await expect(row).toContainText('E2E plan reads');
    await expect(row).toContainText('plans.list');
    await expect(row.getByRole('cell').nth(2)).toContainText('2');
    await expect(page.getByRole('region', { name: 'Refusals' })).toContainText('Rate-limited');
    await shot(page, 'rate-limits');

    // Block this IP: the dialog comes filled in with the address and a reason.
    await row.getByRole('button', { name: `Block ${OFFENDER}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Deny an address' });
    await expect(dialog.getByLabel('IP address or CIDR')).toHaveValue(OFFENDER);
    await expect(dialog.getByLabel('Reason')).toHaveValue(/E2E plan reads/);
    await dialog.getByLabel('Expires after').selectOption({ label: '1 hour' });
    await shot(page, 'rate-limits-block-dialog', false);
    await dialog.getByRole('button', { name: 'Deny' }).click();
    await expect(toast(page, `${OFFENDER}/32 is denied.`)).toBeVisible();
    await expect(dialog).toBeHidden();

    // The offender is marked, and offers no second block.
    await expect(row).toContainText('IP denied');
    await expect(row.getByRole('button', { name: `Block ${OFFENDER}` })).toHaveCount(0);
    const ipRules = page.getByRole('region', { name: 'IP rules' });
    const ipRow = ipRules.getByRole('row').filter({ hasText: `${OFFENDER}/32` });
    await expect(ipRow).toContainText('Deny');
    await expect(ipRow).toContainText(E2E_ADMIN.email);
    await expect(ipRow).toContainText(/in (59|60) minutes|in 1 hour/);
    await shot(page, 'rate-limits-blocked');

    // The API now refuses the address before anything else: 403, whatever it sends.
    const refused = await request.get(`${API}/plans`, {
      headers: { ...asOffender, authorization: 'Bearer not-a-token' },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { reason: string } }).error.reason).toBe('ip_denied');
    expect((await request.get(`${API}/plans`)).status()).toBe(200);

    // Undo, so the rest of the run sees the product as it was.
    await ipRow.getByRole('button', { name: `Remove the rule for ${OFFENDER}/32` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove rule' }).click();
    await expect(toast(page, 'The IP rule was removed.')).toBeVisible();
    await expect(ipRow).toHaveCount(0);

    // A partner's integration needs more: an override for a user on the rule, then changed, then removed.
    const overrides = page.getByRole('region', { name: 'User overrides' });
    await overrides.getByRole('button', { name: 'Add override' }).click();
    const adding = page.getByRole('dialog', { name: "Override a user's limits" });
    await adding.getByLabel('User id').fill(signedIn.user.id);
    await adding.getByLabel('Rule').selectOption({ label: 'E2E plan reads' });
    await adding.getByLabel('Multiplier').fill('2');
    await adding.getByRole('button', { name: 'Add override' }).click();
    await expect(adding.getByText('Say why.')).toBeVisible();
    await adding.getByLabel('Reason').fill('Partner sync job');
    await adding.getByRole('button', { name: 'Add override' }).click();
    await expect(adding).toBeHidden();
    const overrideRow = overrides.getByRole('row').filter({ hasText: 'Partner sync job' });
    await expect(overrideRow).toContainText('× 2');
    await expect(overrideRow).toContainText('on E2E plan reads');

    await overrideRow.getByRole('button', { name: `Change the override of ${E2E_ADMIN.email}` }).click();
    const changing = page.getByRole('dialog', { name: 'Change an override' });
    await expect(changing.getByLabel('User id')).toHaveValue(signedIn.user.id);
    await expect(changing.getByLabel('Expires after')).toHaveValue('keep');
    await changing.getByLabel('Change').selectOption({ label: 'Set the limit' });
    await changing.getByLabel('Requests per window').fill('25');
    await shot(page, 'rate-limits-override-change', false);
    await changing.getByRole('button', { name: 'Save override' }).click();
    await expect(toast(page, `${E2E_ADMIN.email}'s override was changed.`)).toBeVisible();
    await expect(overrideRow).toContainText('25 per window');

    await overrideRow.getByRole('button', { name: `Remove the override of ${E2E_ADMIN.email}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove override' }).click();
    await expect(overrideRow).toHaveCount(0);
  } finally {
    await request.delete(`${API}/ratelimit/rules/${rule.id}`, { headers: admin });
  }
});
