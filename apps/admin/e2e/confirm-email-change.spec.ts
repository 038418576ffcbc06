import { expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot } from './support';

/** The API's REST face, as a product client calls it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

test('a user moves their account to a new address by following the link mailed to it', async ({
  page,
  request,
}) => {
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  const admin = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
  const stamp = Date.now();
  const email = `mover-${stamp}@example.com`;
  const newEmail = `moved-${stamp}@example.com`;
  const password = 'moving-house-password-1';
  const created = await request.post(`${API}/users`, {
    headers: admin,
    data: { email, name: 'Mover', password, roles: ['user'] },
  });
  expect(created.status(), await created.text()).toBe(200);
  const signedIn = await request.post(`${API}/auth/login`, { data: { email, password } });
  const user = {
    authorization: `Bearer ${((await signedIn.json()) as { accessToken: string }).accessToken}`,
  };
  const requested = await request.post(`${API}/account/email`, {
    headers: user,
    data: { newEmail, password },
  });
  expect(requested.status(), await requested.text()).toBe(202);

  // The mail to the new address, in the outbox (EMAIL_DRIVER=outbox).
  let link = '';
  await expect
    .poll(async () => {
      const list = await request.get(`${API}/delivery/log`, {
        headers: admin,
        params: { email: newEmail, template: 'account-notice' },
      });
      const [item] = ((await list.json()) as { items: { id: string }[] }).items;
      if (!item) return '';
      const detail = (await (
        await request.get(`${API}/delivery/log/${item.id}`, { headers: admin })
      ).json()) as {
        text: string | null;
      };
      link = /(http\S+\/confirm-email-change\?token=\S+)/.exec(detail.text ?? '')?.[1] ?? '';
      return link;
    })
    .toContain('/confirm-email-change?token=ec_');

  // Public: no console session is needed.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your new email address');
  await expect(page.getByRole('status')).toContainText(`Your account now uses ${newEmail}`);
  await shot(page, 'confirm-email-change-done');
  // The link works once.
  await page.reload();
  await expect(page.locator('.alert-error')).toContainText('invalid or has expired');
  await shot(page, 'confirm-email-change-used');

  const mine = await request.get(`${API}/account`, { headers: user });
  expect(await mine.json()).toMatchObject({ email: newEmail, emailVerified: true });
});
