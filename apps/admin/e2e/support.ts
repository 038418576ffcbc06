import { expect, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../../../playwright.config';

/**
 * A screenshot for review in test-results/screens/: from the top of the page (sticky bars would otherwise sit
 * where the page was scrolled to), once toasts have gone so they hide nothing.
 */
export async function shot(page: Page, name: string, fullPage = true) {
  await expect(page.getByRole('region', { name: 'Notifications' }).locator('.toast')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage });
}

export async function signIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/sign-in/);
  await consoleReady(page);
}

/**
 * The console's sidebar has hydrated: a click on its links before then can be lost. On a busy machine hydration
 * can take longer than an assertion's usual wait.
 */
export async function consoleReady(page: Page) {
  await expect(page.locator('nav[aria-label="Main"][data-ready]')).toBeAttached({ timeout: 30_000 });
}
