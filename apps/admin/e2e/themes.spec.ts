import { expect, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

test('an admin retints the theme, fixes a failing contrast pair, publishes, and clients get the new colour', async ({
  page,
  request,
}) => {
  await signIn(page);
  await expect(async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Themes' }).click();
    await expect(page.getByRole('heading', { name: 'Themes', level: 1 })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });

  const light = page.getByRole('region', { name: 'Light preview' });
  const dark = page.getByRole('region', { name: 'Dark preview' });
  const lightButton = light.getByRole('button', { name: 'Primary action' });
  const darkButton = dark.getByRole('button', { name: 'Primary action' });
  // The default theme's indigo, in both modes.
  await expect(lightButton).toHaveCSS('background-color', 'rgb(79, 70, 229)');
  await expect(darkButton).toHaveCSS('background-color', 'rgb(167, 163, 242)');

  // A new primary for each mode: the preview repaints as it is typed.
  await page.getByLabel('Light primary', { exact: true }).fill('#be185d');
  await page.getByLabel('Dark primary', { exact: true }).fill('#f9a8d4');
  await expect(lightButton).toHaveCSS('background-color', 'rgb(190, 24, 93)');
  await expect(darkButton).toHaveCSS('background-color', 'rgb(249, 168, 212)');
  await expect(light.getByRole('heading', { name: 'Welcome back' })).toHaveCSS('color', 'rgb(190, 24, 93)');

  // A pink label on the pink button fails AA; the checks say so with the ratio, and a white one fixes it.
  const lightChecks = page.getByRole('table', { name: 'Light contrast' });
  const labelPair = lightChecks.locator('tr[data-pair="onPrimary/primary"]');
  await page.getByLabel('Light on primary', { exact: true }).fill('#f472b6');
  await expect(labelPair.getByText('Fail')).toBeVisible();
  await expect(labelPair).toContainText(/[12]\.\d\d:1/);
  await expect(page.getByText('1 pair fail WCAG AA; publishing is refused until they pass.')).toBeVisible();
  await expect(lightButton).toHaveCSS('color', 'rgb(244, 114, 182)');
  await shot(page, 'themes-contrast-failure');
  await page.getByLabel('Light on primary', { exact: true }).fill('#ffffff');
  await expect(labelPair.getByText('Pass')).toBeVisible();
  await expect(page.getByText('Every pair passes WCAG AA in light and dark.')).toBeVisible();

  await page.getByRole('button', { name: 'Publish…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Publish version \d+\?$/ });
  const version = Number(/\d+/.exec((await dialog.getByRole('heading').textContent()) ?? '')?.[0]);
  await dialog.getByLabel('Note').fill('Pink');
  await dialog.getByRole('button', { name: `Publish version ${version}` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: `Live: version ${version}` })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Pink' })).toContainText(`v${version}`);

  // A client on launch gets the published colours, then a 304 for its cached copy.
  const current = await request.get(`${E2E_API_ORIGIN}/v1/themes/current?platform=web`);
  expect(current.status()).toBe(200);
  const theme = (await current.json()) as { version: number; colors: Record<string, { primary: string }> };
  expect(theme.version).toBe(version);
  expect(theme.colors.light?.primary).toBe('#be185d');
  expect(theme.colors.dark?.primary).toBe('#f9a8d4');
  const again = await request.get(`${E2E_API_ORIGIN}/v1/themes/current?platform=web`, {
    headers: { 'if-none-match': current.headers().etag ?? '' },
  });
  expect(again.status()).toBe(304);

  // The console itself takes the published primary as its accent.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Themes', level: 1 })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()),
    )
    .toBe('#be185d');
  await shot(page, 'themes-published');
});
