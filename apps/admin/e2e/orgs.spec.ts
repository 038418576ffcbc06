import { expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { consoleReady, shot, signIn } from './support';

/** The API's REST face, as a product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;
/** The end user the e2e server seeds for this journey (apps/api/src/testing/e2e-orgs.ts). */
const E2E_ORG_INVITEE = { email: 'e2e-org-invitee@bytelyst.test', name: 'Grace Invitee' };

test('an admin creates an organization, invites a member who accepts from the mail, and creates a team', async ({
  page,
  browser,
  request,
}) => {
  const name = `Analytical Engines ${Date.now().toString(36)}`;
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organizations');

  await page.getByRole('button', { name: 'New organization' }).click();
  const create = page.getByRole('dialog', { name: 'New organization' });
  await create.getByLabel('Name').fill(name);
  await shot(page, 'orgs-1-create', false);
  await create.getByRole('button', { name: 'Create organization' }).click();
  await expect(page).toHaveURL(/\/orgs\/org_/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await consoleReady(page);
  const members = page.getByRole('region', { name: 'Members' });
  await expect(members.getByRole('row').filter({ hasText: E2E_ADMIN.email })).toBeVisible();

  // Invite the seeded end user; the mail goes out through delivery.
  await page.getByRole('button', { name: 'Invite member' }).click();
  const inviteDialog = page.getByRole('dialog', { name: 'Invite member' });
  await inviteDialog.getByLabel('Email').fill(E2E_ORG_INVITEE.email);
  await inviteDialog.getByLabel('Role').selectOption('admin');
  await inviteDialog.getByRole('button', { name: 'Send invitation' }).click();
  const pending = page.getByRole('region', { name: 'Pending invitations' });
  await expect(pending.getByRole('row').filter({ hasText: E2E_ORG_INVITEE.email })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Subscription and seats' })).toContainText(
    '1 held by pending invitations',
  );
  await shot(page, 'orgs-2-invited');

  // The mail in the outbox (the delivery log of EMAIL_DRIVER=outbox), as an operator reads it.
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  const admin = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  let link = '';
  await expect
    .poll(async () => {
      const list = await request.get(`${API}/delivery/log`, {
        headers: admin,
        params: { email: E2E_ORG_INVITEE.email, template: 'org-invitation' },
      });
      const [item] = ((await list.json()) as { items: { id: string }[] }).items;
      if (!item) return '';
      const detail = (await (
        await request.get(`${API}/delivery/log/${item.id}`, { headers: admin })
      ).json()) as {
        text: string | null;
      };
      link = /(http\S+\/accept-invite\?token=\S+)/.exec(detail.text ?? '')?.[1] ?? '';
      return link;
    })
    .toContain('/accept-invite?token=oi_');

  // The invitee opens the link in their own browser, without a console session.
  const invitee = await browser.newContext();
  const inbox = await invitee.newPage();
  await inbox.goto(link);
  await expect(inbox.getByRole('heading', { level: 1 })).toHaveText('Join an organization');
  await expect(inbox.getByText(`to join ${name} as an admin`)).toBeVisible();
  await shot(inbox, 'orgs-3-accept-page');
  await inbox.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(inbox.getByRole('status')).toHaveText(`${E2E_ORG_INVITEE.email} joined ${name} as an admin.`);
  await shot(inbox, 'orgs-4-accepted');
  // The link works once.
  await inbox.reload();
  await expect(inbox.getByRole('alert').filter({ hasText: 'already accepted' })).toHaveText(
    'This invitation was already accepted.',
  );
  await invitee.close();

  await page.reload();
  await consoleReady(page);
  const row = members.getByRole('row').filter({ hasText: E2E_ORG_INVITEE.email });
  await expect(row).toBeVisible();
  await expect(row.getByRole('combobox', { name: `Role of ${E2E_ORG_INVITEE.email}` })).toHaveValue('admin');
  await expect(pending).toContainText('No pending invitations');

  await page.getByRole('button', { name: 'New team' }).click();
  const teamDialog = page.getByRole('dialog', { name: 'New team' });
  await teamDialog.getByLabel('Team name').fill('Research');
  await teamDialog.getByRole('button', { name: 'Create team' }).click();
  const teams = page.getByRole('region', { name: 'Teams' });
  const team = teams.getByRole('row').filter({ hasText: 'Research' });
  await expect(team).toContainText(`${E2E_ADMIN.email} (Maintainer)`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('main')).toContainText('2 members, 1 team');
  await shot(page, 'orgs-5-team');

  // The invitee's page lists the organization with their role.
  await page.getByRole('main').getByRole('link', { name: E2E_ORG_INVITEE.email }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(E2E_ORG_INVITEE.name);
  const orgs = page.getByRole('region', { name: 'Organizations' });
  await expect(orgs.getByRole('row').filter({ hasText: name })).toContainText('Admin');
  await orgs.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/orgs-6-user-page.png' });
});
