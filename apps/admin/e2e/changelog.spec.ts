import { expect, test } from '@playwright/test';
import { E2E_API_ORIGIN } from '../../../playwright.config';
import { shot, signIn } from './support';

const NOTES = [
  '## Offline dictation',
  '',
  'Dictate **anywhere**: notes sync when you are back online.',
  '',
  '<script>document.title = "pwned"</script>',
  '<img src="https://example.com/x.png" onerror="document.title = \'pwned\'">',
  '',
  '- Works on [iOS](https://example.com/ios)',
  '- [Bad link](javascript:alert(1))',
].join('\n');

test('an admin writes, previews and publishes a changelog entry; the public page shows it', async ({
  page,
  browser,
}) => {
  await signIn(page);
  await expect(async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Changelog' }).click();
    await expect(page.getByRole('heading', { name: 'Changelog', level: 1 })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 20_000 });

  await page.getByRole('button', { name: 'New entry' }).click();
  const editor = page.getByRole('region', { name: 'New entry' });
  await editor.getByLabel('Version').fill('2.4');
  await editor.getByLabel('Title').fill('Offline dictation');
  await editor.getByLabel('Category').selectOption('feature');
  await editor.getByLabel('Notes (Markdown)').fill(NOTES);

  // The preview is the server's rendering: Markdown kept, script and handlers gone.
  const preview = editor.getByRole('region', { name: /^Preview/ });
  await expect(preview.locator('strong')).toHaveText('anywhere');
  await expect(preview.getByRole('link', { name: 'iOS' })).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(preview.locator('script')).toHaveCount(0);
  await expect(preview.locator('[onerror]')).toHaveCount(0);
  await expect(preview.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(preview.getByRole('link', { name: 'Bad link' })).toHaveCount(0);
  await expect(preview).toContainText('Bad link');

  // A version that is not semver is refused on its field.
  await editor.getByRole('button', { name: 'Publish' }).click();
  await expect(editor.getByText('A semantic version such as 2.4.0')).toBeVisible();
  await editor.getByLabel('Version').fill('2.4.0');
  await shot(page, 'changelog-editor');
  await editor.getByRole('button', { name: 'Publish' }).click();
  await expect(editor).toBeHidden();

  const row = page.getByRole('row').filter({ hasText: 'Offline dictation' });
  await expect(row).toContainText('2.4.0');
  await expect(row).toContainText('Published');
  await shot(page, 'changelog-admin-list');

  // A visitor without a session, in a fresh context, sees it rendered on the public page.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const response = await visitor.goto('/changelog');
  expect(response?.status()).toBe(200);
  await expect(visitor).toHaveURL(/\/changelog$/);
  const entry = visitor.getByRole('article', { name: 'Offline dictation' });
  await expect(entry).toContainText('2.4.0');
  await expect(entry).toContainText('New feature');
  await expect(entry.getByRole('heading', { name: 'Offline dictation', level: 2 }).first()).toBeVisible();
  await expect(entry.locator('strong')).toHaveText('anywhere');
  await expect(entry.locator('script')).toHaveCount(0);
  await expect(entry.locator('[onerror]')).toHaveCount(0);
  expect(await visitor.title()).not.toBe('pwned');
  await shot(visitor, 'changelog-public');

  // The Atom feed parses as XML (Chromium's parser) with the entry in it.
  const feed = await visitor.request.get(`${E2E_API_ORIGIN}/v1/changelog/feed.atom`);
  expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  const xml = await feed.text();
  const parsed = await visitor.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    return {
      error: doc.getElementsByTagName('parsererror').length,
      root: doc.documentElement.namespaceURI,
      titles: [...doc.getElementsByTagName('entry')].map(
        (e) => e.getElementsByTagName('title')[0]?.textContent,
      ),
      content: doc.getElementsByTagName('content')[0]?.textContent ?? '',
    };
  }, xml);
  expect(parsed).toMatchObject({ error: 0, root: 'http://www.w3.org/2005/Atom' });
  // Newest version first; the e2e server's roadmap seed published an older release (0.9.0).
  expect(parsed.titles[0]).toBe('2.4.0: Offline dictation');
  expect(parsed.content).toContain('<strong>anywhere</strong>');
  expect(parsed.content).not.toContain('<script');
  await visitorContext.close();
});
