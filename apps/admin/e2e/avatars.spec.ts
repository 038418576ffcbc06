import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const API = `${E2E_API_ORIGIN}/v1`;
/** 600x400, red top and blue bottom, stored sideways (EXIF orientation 6). */
const FIXTURE = fileURLToPath(new URL('./fixtures/avatar-sideways.jpg', import.meta.url));

test('an admin uploads an avatar for a user and sees every variant, served immutable', async ({
  page,
  request,
}) => {
  const login = await request.post(`${API}/auth/login`, { data: E2E_ADMIN });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await request.post(`${API}/users`, {
    headers: { authorization: `Bearer ${accessToken}` },
    data: {
      email: `avatar-${Date.now()}@example.com`,
      name: 'Avery Avatar',
      password: 'a-long-avatar-password-42',
      roles: ['user'],
    },
  });
  expect(created.status()).toBe(200);
  const user = (await created.json()) as { id: string };

  await signIn(page);
  await page.goto(`/users/${encodeURIComponent(user.id)}`);
  const card = page.getByRole('region', { name: 'Avatar' });
  await expect(card.getByText('No avatar yet.')).toBeVisible();

  await card.getByLabel('Upload a new avatar').setInputFiles(FIXTURE);
  for (const size of ['64', '128', '256']) {
    const img = card.getByTestId(`avatar-${size}`);
    await expect(img).toBeVisible({ timeout: 20_000 });
    await expect(img).toHaveAttribute('width', size);
    // Loaded: the browser decoded the variant it chose.
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  }
  await expect(card.getByRole('status')).toHaveCount(0);

  const webpSrcset = (await card.locator('source[type="image/webp"]').first().getAttribute('srcset')) ?? '';
  const webp1x = webpSrcset.split(',')[0]?.trim().split(' ')[0] ?? '';
  expect(webp1x).toMatch(/\/blobs\/assets\/[^/]+\/avatars\/[0-9a-f]{64}-64\.webp$/);
  const variant = await request.get(webp1x);
  expect(variant.status()).toBe(200);
  expect(variant.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(variant.headers()['content-type']).toBe('image/webp');
  expect(variant.headers().etag).toMatch(/^"[0-9a-f]{64}"$/);

  await shot(page, 'avatars-user-detail');
});
