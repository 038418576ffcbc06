import { readFile } from 'node:fs/promises';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as a landing page or product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

async function register(request: APIRequestContext, email: string, name: string) {
  const res = await request.post(`${API}/auth/register`, {
    data: { email, name, password: 'correct-horse-battery' },
  });
  expect(res.status()).toBe(200);
  const { accessToken, user } = (await res.json()) as { accessToken: string; user: { id: string } };
  return { id: user.id, headers: { authorization: `Bearer ${accessToken}` } };
}

async function joinWaitlist(request: APIRequestContext, data: Record<string, string>) {
  const res = await request.post(`${API}/waitlist/join`, { data });
  expect(res.status()).toBe(200);
  return (await res.json()) as { position: number; token: string | null };
}

test('an admin invites people from the waitlist and downloads it as CSV', async ({ page, request }) => {
  const tag = `e2e${Date.now().toString(36)}`;
  const email = (name: string) => `${name}.${tag}@example.com`;
  const first = await joinWaitlist(request, { email: email('ada'), name: 'Ada Lovelace', source: 'landing' });
  await joinWaitlist(request, { email: email('bob'), name: 'Bob, "the builder"' });
  await joinWaitlist(request, { email: email('eve'), name: '=HYPERLINK("http://evil.example")' });
  await joinWaitlist(request, { email: email('dan'), name: 'Dan' });
  const again = await joinWaitlist(request, { email: email('ada') });
  expect(again).toMatchObject({ position: first.position, token: null });

  await signIn(page);
  await page.getByRole('link', { name: 'Waitlist', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Waitlist' })).toBeVisible();
  const counts = page.getByRole('region', { name: 'Waitlist counts' });
  await expect(counts).toContainText('Waiting');
  await page.getByLabel('Email').fill(tag);
  const table = page.getByRole('region', { name: 'Waitlist entries' });
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table.getByRole('row').nth(1)).toContainText(email('ada'));

  // Invite one chosen entry, then the next one in line.
  await table.getByLabel(`Select ${email('bob')}`).check();
  await expect(table.getByText('1 selected')).toBeVisible();
  await table.getByRole('button', { name: 'Invite selected' }).click();
  await expect(toast(page, 'Invited 1 person.')).toBeVisible();
  const bob = table.getByRole('row').filter({ hasText: email('bob') });
  await expect(bob).toContainText('Invited');
  await expect(bob.getByRole('checkbox')).toBeDisabled();

  await page.getByRole('button', { name: 'Invite next…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('How many').fill('0');
  await dialog.getByRole('button', { name: 'Send invitations' }).click();
  await expect(dialog.getByText('A whole number from 1 to 100.')).toBeVisible();
  await dialog.getByLabel('How many').fill('1');
  await shot(page, 'waitlist-invite-next', false);
  await dialog.getByRole('button', { name: 'Send invitations' }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, 'Invited 1 person.')).toBeVisible();
  const ada = table.getByRole('row').filter({ hasText: email('ada') });
  await expect(ada).toContainText('Invited');
  const code = (await ada.locator('code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[A-Z2-9]{10}$/);

  // Remove one, confirming first.
  await table.getByRole('button', { name: `Remove ${email('dan')}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove from waitlist' }).click();
  await expect(table.getByRole('row').filter({ hasText: email('dan') })).toContainText('Removed');
  await shot(page, 'waitlist');

  // The download carries the filtered list, in position order, safe to open in a spreadsheet.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^waitlist-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await file.path()) ?? '', 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'position,email,name,status,source,referralCode,invitationCode,createdAt,invitedAt,joinedAt,followUpAt,note',
  );
  expect(lines).toHaveLength(5);
  expect(lines[1]).toContain(`${email('ada')},Ada Lovelace,invited,landing,,${code},`);
  expect(lines[2]).toContain(`${email('bob')},"Bob, ""the builder""",invited,`);
  expect(lines[3]).toContain(`${email('eve')},"'=HYPERLINK(""http://evil.example"")",waiting,`);
  expect(lines[4]).toContain(`${email('dan')},Dan,removed,`);

  // The invitation the waitlist created shows up with the other codes.
  await page.getByRole('link', { name: 'Invitations & referrals' }).click();
  await expect(page.getByRole('row').filter({ hasText: code })).toContainText(email('ada'));
});

test('an admin creates and revokes an invitation code, then follows a referral from visit to sign-up', async ({
  page,
  request,
}) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Invitations & referrals' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invitations & referrals' })).toBeVisible();
  await page.getByRole('button', { name: 'New invitation' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Code').fill('no spaces!');
  await dialog.getByRole('button', { name: 'Create code' }).click();
  await expect(dialog.getByText('4 to 32 letters, digits, dashes or underscores.')).toBeVisible();
  const code = `LAUNCH-${Date.now().toString(36).toUpperCase()}`;
  await dialog.getByLabel('Code').fill(code.toLowerCase());
  await dialog.getByLabel('Maximum uses').fill('50');
  await dialog.getByLabel('Note').fill('Launch party');
  await dialog.getByRole('button', { name: 'Create code' }).click();
  await expect(toast(page, `Invitation ${code} was created.`)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: code });
  await expect(row).toContainText('0 / 50');
  await expect(row).toContainText('Active');
  const valid = await request.post(`${API}/invitations/validate`, { data: { code } });
  expect(await valid.json()).toMatchObject({ valid: true, reason: 'ok', remainingUses: 50 });
  // A user redeems it; the row counts the use and lists who redeemed it.
  const run = Date.now().toString(36);
  const guest = await register(request, `guest.${run}@example.com`, 'Guest');
  const redeemed = await request.post(`${API}/invitations/redeem`, {
    headers: guest.headers,
    data: { code },
  });
  expect(redeemed.status()).toBe(200);
  await page.reload();
  await expect(row).toContainText('1 / 50');
  await row.getByRole('button', { name: `Redemptions of ${code}` }).click();
  const redemptions = page.getByRole('region', { name: `Redemptions of ${code}` });
  await expect(redemptions.getByRole('link', { name: `guest.${run}@example.com` })).toBeVisible();
  await shot(page, 'growth-invitations');

  await row.getByRole('button', { name: `Revoke ${code}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke code' }).click();
  await expect(row).toContainText('Revoked');
  const revoked = await request.post(`${API}/invitations/validate`, { data: { code } });
  expect(await revoked.json()).toMatchObject({ valid: false, reason: 'revoked' });

  // A user shares their link: one visit is tracked, a friend registers and names the code.
  const referrer = await register(request, `referrer.${run}@example.com`, 'Referrer');
  const link = await request.get(`${API}/referrals/me/link`, { headers: referrer.headers });
  const { code: referralCode } = (await link.json()) as { code: string };
  const visit = await request.post(`${API}/referrals/track`, {
    data: { code: referralCode, email: `visitor.${run}@example.com`, source: 'newsletter' },
  });
  expect(await visit.json()).toMatchObject({ status: 'pending' });
  const friend = await register(request, `friend.${run}@example.com`, 'Friend');
  const claim = await request.post(`${API}/referrals/claim`, {
    headers: friend.headers,
    data: { code: referralCode },
  });
  expect(await claim.json()).toMatchObject({ status: 'signed_up', referrerId: referrer.id });

  await page.getByRole('link', { name: 'Referrals', exact: true }).click();
  await expect(page).toHaveURL(/\/growth\/referrals$/);
  await expect(page.getByRole('region', { name: 'Referral counts' })).toContainText('Conversion');
  const top = page
    .getByRole('region', { name: 'Top referrers' })
    .getByRole('row')
    .filter({ hasText: referralCode });
  await expect(top).toContainText('1');
  const referrals = page.getByRole('region', { name: 'Referrals', exact: true });
  await expect(
    referrals
      .getByRole('row')
      .filter({ hasText: `friend.${run}@example.com` })
      .filter({ hasText: `referrer.${run}@example.com` })
      .filter({ hasText: 'Signed up' }),
  ).toBeVisible();
  await expect(
    referrals
      .getByRole('row')
      .filter({ hasText: `visitor.${run}@example.com` })
      .filter({ hasText: 'Pending' }),
  ).toBeVisible();
  await shot(page, 'growth-referrals');

  await page.getByLabel('Status').selectOption('signed_up');
  await expect(referrals.getByRole('row').filter({ hasText: 'Pending' })).toHaveCount(0);
});
