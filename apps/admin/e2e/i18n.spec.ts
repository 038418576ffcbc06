import { expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const API = `${E2E_API_ORIGIN}/v1`;

test('an admin edits a translation in the grid, past a validation error, and clients get it', async ({
  page,
  request,
}) => {
  // A source string of its own (a namespace per run), made through the API, so the flow holds alone.
  const ns = `e2e${Date.now().toString(36)}`;
  const key = `${ns}.greeting`;
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const admin = { authorization: `Bearer ${accessToken}` };
  expect(
    (await request.post(`${API}/translations/locales`, { headers: admin, data: { locale: 'de' } })).status(),
  ).toBe(200);
  const source = await request.put(`${API}/translations/strings`, {
    headers: admin,
    data: {
      key,
      locale: 'en',
      message: 'Hello {name}, you have {count, plural, one {# note} other {# notes}}',
      description: 'Greeting on the home screen',
    },
  });
  expect(source.status()).toBe(200);

  await signIn(page);
  await expect(async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Localization' }).click();
    await expect(page.getByRole('heading', { name: 'Localization', level: 1 })).toBeVisible({
      timeout: 3000,
    });
  }).toPass({ timeout: 20_000 });

  await page.getByLabel('Search keys and strings').fill(key);
  const row = page.getByRole('row').filter({ hasText: key });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('button', { name: `Edit ${key} in de` })).toContainText('Missing');
  await row.getByRole('button', { name: `Edit ${key} in de` }).click();

  const editor = page.getByRole('region', { name: `${key} · de` });
  await expect(editor).toContainText('Hello {name}');
  const message = editor.getByLabel('Message');
  // A malformed plural: the ICU check refuses it as it is typed, naming the parser's reason.
  await message.fill('Hallo {name}, du hast {count, plural, one {# Notiz}}');
  await expect(editor.getByText(/Invalid ICU message: MISSING_OTHER_CLAUSE/)).toBeVisible();
  await shot(page, 'i18n-invalid');

  await message.fill('Hallo {name}, du hast {count, plural, one {# Notiz} other {# Notizen}}');
  await editor.getByLabel('Sample arguments (JSON)').fill('{"name": "Ada", "count": 1}');
  await expect(editor.getByLabel('Preview')).toHaveText('Hallo Ada, du hast 1 Notiz');
  await shot(page, 'i18n-preview');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  await expect(row.getByRole('button', { name: `Edit ${key} in de` })).toContainText('Translated');
  await shot(page, 'i18n-grid');

  // A client fetches the German bundle of the namespace: the new string, English as the fallback chain's end.
  const bundle = await request.get(`${API}/i18n/de?ns=${ns}`);
  expect(bundle.status()).toBe(200);
  expect(bundle.headers().etag).toMatch(/^"[0-9a-f]{32}"$/);
  expect(await bundle.json()).toMatchObject({
    locale: 'de',
    chain: ['de', 'en'],
    messages: { [key]: 'Hallo {name}, du hast {count, plural, one {# Notiz} other {# Notizen}}' },
  });
  const again = await request.get(`${API}/i18n/de?ns=${ns}`, {
    headers: { 'if-none-match': bundle.headers().etag ?? '' },
  });
  expect(again.status()).toBe(304);
});
