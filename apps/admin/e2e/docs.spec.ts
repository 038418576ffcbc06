import { expect, test } from '@playwright/test';
import { consoleReady, shot, signIn } from './support';

/**
 * The docs browser: an admin opens /docs from the navigation, reads a doc through its table of contents, finds
 * a section by a word in it, and follows a console page's "Docs" link to the section about that page.
 */
test('an admin reads, searches and follows links into the docs', async ({ page }) => {
  await signIn(page);

  // From the navigation to the list of docs and their sections.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Docs' }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Docs' })).toBeVisible();
  const architecture = page.getByRole('article', { name: 'Architecture' });
  await expect(architecture.getByRole('link', { name: 'The module contract' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Procedure naming' })).toBeVisible();
  await shot(page, 'docs-index');

  // A doc, and a section through its table of contents.
  await architecture.getByRole('link', { name: 'Architecture' }).click();
  await expect(page).toHaveURL(/\/docs\/architecture$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Architecture' })).toBeVisible();
  const toc = page.getByRole('navigation', { name: 'On this page' });
  const article = page.locator('#main');
  // Code blocks come through as code, the doc's scripts-free HTML as it is.
  await expect(article.locator('pre code.language-ts').first()).toBeVisible();
  await toc.getByRole('link', { name: 'How a job flows' }).click();
  await expect(page).toHaveURL(/\/docs\/architecture#how-a-job-flows$/);
  await expect(page.getByRole('heading', { level: 2, name: 'How a job flows' })).toBeInViewport();
  await expect(toc.getByRole('link', { name: 'How a job flows' })).toHaveAttribute(
    'aria-current',
    'location',
  );
  await page.screenshot({ path: 'test-results/screens/docs-section.png' });

  // A link between docs stays in the browser.
  await article.getByRole('link', { name: 'procedure-naming.md' }).click();
  await expect(page).toHaveURL(/\/docs\/procedure-naming$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Procedure naming' })).toBeVisible();

  // A word from a section finds it; the hit opens the doc at its heading.
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Docs' }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await page.getByRole('searchbox', { name: 'Search the docs' }).fill('idempotent');
  const results = page.getByRole('list', { name: 'Docs search results' });
  const hit = results.getByRole('link', { name: 'Architecture › How an event flows' });
  await expect(hit).toBeVisible();
  await expect(results.locator('mark', { hasText: 'idempotent' }).first()).toBeVisible();
  await shot(page, 'docs-search');
  await hit.click();
  await expect(page).toHaveURL(/\/docs\/architecture#how-an-event-flows$/);
  await expect(page.getByRole('heading', { level: 2, name: 'How an event flows' })).toBeInViewport();
  await expect(toc.getByRole('link', { name: 'How an event flows' })).toHaveAttribute(
    'aria-current',
    'location',
  );

  // A console page links to the doc section about it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page).toHaveURL(/\/ops\/jobs$/);
  await consoleReady(page);
  const docsLink = page.locator('header.page-header').getByRole('link', { name: 'Docs', exact: true });
  await expect(docsLink).toHaveAttribute('href', '/docs/architecture#how-a-job-flows');
  await shot(page, 'docs-page-link', false);
  await docsLink.click();
  await expect(page).toHaveURL(/\/docs\/architecture#how-a-job-flows$/);
  await expect(page.getByRole('heading', { level: 2, name: 'How a job flows' })).toBeInViewport();

  // A page without a doc of its own links to its area's section of the operator's guide (the README).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status page' }).click();
  await expect(page).toHaveURL(/\/ops\/status$/);
  await consoleReady(page);
  await page.locator('header.page-header').getByRole('link', { name: 'Docs', exact: true }).click();
  await expect(page).toHaveURL(/\/docs\/readme#status-page$/);
  await expect(page.getByRole('heading', { level: 3, name: 'Status page' })).toBeInViewport();
  await shot(page, 'docs-readme-section', false);
});
