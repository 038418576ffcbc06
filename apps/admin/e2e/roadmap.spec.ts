import { expect, type Page, test } from '@playwright/test';
import { shot, signIn } from './support';

/** Seeded by the e2e API server (apps/api/src/testing/e2e-roadmap.ts): an end user with the plain user role. */
const END_USER = { email: 'e2e-roadmap-user@bytelyst.test', password: 'e2e-roadmap-password-123' };

const column = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });

test('a visitor sees the roadmap, signs in on it, votes and suggests; an admin approves; it shows on /roadmap', async ({
  page,
  browser,
}) => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();

  // Anonymous: three columns, the shipped item links its release, the internal item is nowhere.
  const response = await visitor.goto('/roadmap');
  expect(response?.status()).toBe(200);
  await expect(visitor).toHaveURL(/\/roadmap$/);
  await expect(visitor.getByRole('heading', { name: 'Roadmap', level: 1 })).toBeVisible();
  await expect(column(visitor, 'Planned').getByRole('article', { name: 'Calendar sync' })).toBeVisible();
  await expect(column(visitor, 'In progress').getByRole('article', { name: 'Offline mode' })).toBeVisible();
  const shipped = column(visitor, 'Shipped').getByRole('article', { name: 'Faster search' });
  await expect(shipped.getByRole('link', { name: 'Shipped in 0.9.0' })).toHaveAttribute(
    'href',
    '/changelog#entry-v0.9.0',
  );
  await expect(visitor.getByText('Internal spike')).toHaveCount(0);
  const vote = visitor.getByRole('button', { name: 'Vote for Calendar sync' });
  await expect(vote).toBeDisabled();
  await shot(visitor, 'roadmap-anonymous');

  // The end user signs in on the roadmap itself.
  await visitor.getByLabel('Email').fill(END_USER.email);
  await visitor.getByLabel('Password').fill(END_USER.password);
  await visitor.getByRole('button', { name: 'Sign in' }).click();
  await expect(visitor.getByText(`Signed in as ${END_USER.email}`)).toBeVisible();

  // One vote: the count goes up, a second click takes it back.
  const card = column(visitor, 'Planned').getByRole('article', { name: 'Calendar sync' });
  await expect(card.getByTestId('vote-count')).toHaveText('0');
  await card.getByRole('button', { name: 'Vote for Calendar sync' }).click();
  await expect(card.getByRole('button', { name: 'Remove your vote for Calendar sync' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(card.getByTestId('vote-count')).toHaveText('1');
  await card.getByRole('button', { name: 'Remove your vote for Calendar sync' }).click();
  await expect(card.getByTestId('vote-count')).toHaveText('0');
  await expect(card.getByRole('button', { name: 'Vote for Calendar sync' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  // The item's page: its comments, and one more shown at once.
  await card.getByRole('link', { name: 'Calendar sync' }).click();
  await expect(visitor.getByRole('heading', { name: 'Calendar sync', level: 1 })).toBeVisible();
  await visitor.getByLabel('Your comment').fill('Google Calendar first, please.');
  await visitor.getByRole('button', { name: 'Post comment' }).click();
  const thread = visitor.getByRole('region', { name: /^Comments/ });
  await expect(thread).toContainText('Robin Roadmap');
  await expect(thread).toContainText('Google Calendar first, please.');
  await expect(thread.getByRole('heading')).toHaveText('Comments (1)');
  await shot(visitor, 'roadmap-item');
  await visitor.getByRole('link', { name: 'Roadmap', exact: true }).click();
  await expect(visitor.getByRole('heading', { name: 'Roadmap', level: 1 })).toBeVisible();

  // A suggestion waits for review and is not on the roadmap yet.
  const title = `Export notes as CSV ${Date.now() % 100000}`;
  const suggest = visitor.getByRole('region', { name: 'Suggest a feature' });
  await suggest.getByLabel('Title').fill(title);
  await suggest.getByLabel('Details').fill('One file per notebook.');
  await suggest.getByRole('button', { name: 'Send suggestion' }).click();
  await expect(suggest.getByRole('status')).toContainText('waiting for review');
  const mine = visitor.getByRole('region', { name: 'Your suggestions' });
  await expect(mine.getByRole('listitem').filter({ hasText: title })).toContainText('Waiting for review');
  await expect(visitor.getByRole('article', { name: title })).toHaveCount(0);
  await shot(visitor, 'roadmap-signed-in');

  // The roadmap sign-in opens nothing in the console: /users sends this browser to the console's sign-in.
  await visitor.goto('/users');
  await expect(visitor).toHaveURL(/\/sign-in\?next=%2Fusers/);
  const names = (await visitorContext.cookies()).map((c) => c.name);
  expect(names).toEqual(expect.arrayContaining(['bl_roadmap_access', 'bl_roadmap_refresh']));
  expect(names).not.toContain('bl_access');
  expect(names).not.toContain('bl_refresh');

  // An admin approves it into "In progress" from the tracker's review queue.
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tracker' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tracker');
  const queued = page.getByRole('listitem', { name: `Suggestion: ${title}` });
  await expect(queued).toContainText('One file per notebook.');
  await queued.getByLabel('Roadmap column').selectOption('in_progress');
  await shot(page, 'roadmap-moderation');
  await queued.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(`"${title}" is on the public roadmap.`)).toBeVisible();
  await expect(queued).toHaveCount(0);

  // Back on the roadmap it is public, in its column, and its author sees it approved.
  await visitor.goto('/roadmap');
  await expect(column(visitor, 'In progress').getByRole('article', { name: title })).toBeVisible();
  await expect(
    visitor
      .getByRole('region', { name: 'Your suggestions' })
      .getByRole('listitem')
      .filter({ hasText: title }),
  ).toContainText('On the roadmap');
  await shot(visitor, 'roadmap-approved');

  // The public changelog names what its release shipped.
  await visitor.goto('/changelog');
  await expect(visitor.getByRole('link', { name: 'Faster search' })).toBeVisible();
  await visitorContext.close();
});
