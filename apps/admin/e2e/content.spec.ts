import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as product clients call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('status').filter({ hasText: text });

async function bearer(request: APIRequestContext) {
  const res = await request.post(`${API}/auth/login`, {
    data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password },
  });
  expect(res.status()).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}

async function post<T>(
  request: APIRequestContext,
  path: string,
  headers: Record<string, string>,
  data: unknown,
) {
  const res = await request.post(`${API}${path}`, { headers, data });
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

type Item = { id: string; title: string };

test('an admin triages tracker items and works their comment thread', async ({ page, request }) => {
  const auth = await bearer(request);
  const crash = await post<Item>(request, '/tracker/items', auth, {
    kind: 'bug',
    title: 'E2E crash when recording',
    body: 'Steps: open the recorder, tap record twice.\nExpected: one recording.',
    tags: ['ios', 'recorder'],
  });
  const darkMode = await post<Item>(request, '/tracker/items', auth, {
    kind: 'feature',
    title: 'E2E dark mode',
  });
  await post(request, `/tracker/items/${darkMode.id}/vote`, auth, {});
  const first = await post<{ id: string }>(request, `/tracker/items/${crash.id}/comments`, auth, {
    body: 'Seen on iOS 18 as well.',
  });
  await post(request, `/tracker/items/${crash.id}/comments`, auth, {
    parentId: first.id,
    body: 'Same on 17.5.',
  });

  await signIn(page);
  await page.getByRole('link', { name: 'Tracker' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tracker');
  const items = page.getByRole('region', { name: 'Tracker items' });
  await expect(items.getByRole('row').filter({ hasText: crash.title })).toContainText('2');
  await page.getByLabel('Sort by').selectOption('votes');
  await expect(items.getByRole('row').nth(1)).toContainText(darkMode.title);
  await page.getByLabel('Filter by kind').selectOption('bug');
  await expect(items.getByRole('row').filter({ hasText: darkMode.title })).toHaveCount(0);
  await shot(page, 'tracker-list');

  await items.getByRole('link', { name: crash.title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(crash.title);
  await page.getByLabel('Status').selectOption('planned');
  await page.getByLabel('Priority').selectOption('high');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(toast(page, 'Saved: Planned, High priority.')).toBeVisible();

  const thread = page.getByRole('list', { name: 'Comment thread' });
  await expect(thread).toContainText('Seen on iOS 18 as well.');
  await expect(thread).toContainText('Same on 17.5.');
  await thread.getByRole('button', { name: 'Reply' }).first().click();
  const replyForm = page.getByRole('form', { name: /^Reply to / });
  await replyForm.getByLabel('Reply text').fill('Fix planned for 2.4.');
  await replyForm.getByRole('button', { name: 'Reply' }).click();
  await expect(toast(page, 'Reply posted.')).toBeVisible();
  await expect(thread).toContainText('Fix planned for 2.4.');
  await expect(page.getByRole('heading', { name: 'Comments (3)' })).toBeVisible();

  await thread.getByRole('button', { name: 'Delete' }).first().click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('button', { name: 'Delete comment' }).click();
  await expect(toast(page, 'Comment deleted.')).toBeVisible();
  await expect(thread).toContainText('Comment deleted');
  await expect(thread).toContainText('Same on 17.5.');
  await expect(page.getByRole('heading', { name: 'Comments (2)' })).toBeVisible();
  await shot(page, 'tracker-item');
});

test('an admin browses blob storage, downloads and deletes a blob', async ({ page, request }) => {
  const auth = await bearer(request);
  const body = 'e2e attachment body';
  const grant = await post<{ key: string; upload: { url: string; headers: Record<string, string> } }>(
    request,
    '/blob/upload-url',
    auth,
    { container: 'attachments', fileName: 'notes.txt', contentType: 'text/plain', size: body.length },
  );
  const put = await request.put(grant.upload.url, { headers: grant.upload.headers, data: body });
  expect(put.status()).toBe(201);
  const fileName = grant.key.split('/').pop() ?? '';

  await signIn(page);
  await page.getByRole('link', { name: 'Blob storage' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Blob storage');
  await page.getByLabel('Container').selectOption('attachments');
  await page.getByLabel('Key prefix').fill('users/');
  const blobs = page.getByRole('region', { name: 'Blobs', exact: true });
  await blobs.getByRole('button', { name: grant.key }).click();
  const panel = page.getByRole('region', { name: 'Blob', exact: true });
  await expect(panel).toContainText('text/plain');
  await expect(panel).toContainText(`${body.length} bytes`);
  await shot(page, 'blobs-browser');

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download' }).click();
  expect((await download).suggestedFilename()).toBe(fileName);

  await panel.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText(fileName);
  await confirm.getByRole('button', { name: 'Delete blob' }).click();
  await expect(toast(page, `${grant.key} was deleted.`)).toBeVisible();
  await expect(blobs.getByRole('button', { name: grant.key })).toHaveCount(0);
  await expect(blobs).toContainText('No blobs here');
});
