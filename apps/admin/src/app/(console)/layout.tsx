import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { ALL_PRODUCTS_INPUT } from '~/components/products/products-list';
import { MaintenanceBanner } from '~/components/shell/maintenance-banner';
import { Sidebar } from '~/components/shell/sidebar';
import { Topbar } from '~/components/shell/topbar';
import { env } from '~/env';
import { consoleThemeCss } from '~/lib/console-theme';
import { Prefetched } from '~/server/prefetched';
import { loadConsoleTheme } from '~/server/theme-api';

/**
 * The topbar's product switcher and user menu, and the maintenance banner under it. Only they wait for these;
 * the page renders beside them.
 */
const TOPBAR_QUERIES = [
  { path: 'products.list', input: ALL_PRODUCTS_INPUT },
  { path: 'products.getCurrent' },
  { path: 'auth.getMine' },
  { path: 'maintenance.get' },
];

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so the API address comes from the environment at run time, not at build time.
  await connection();
  // The selected product's published theme repaints the console's accent (lib/console-theme.ts).
  const theme = await loadConsoleTheme();
  const themeCss = theme ? consoleThemeCss(theme) : '';
  return (
    <div className="shell">
      {themeCss ? <style data-console-theme={theme?.version}>{themeCss}</style> : null}
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Sidebar docsUrl={`${env.API_PUBLIC_URL ?? env.API_URL}/documentation/`} />
      <div className="main">
        <Prefetched queries={TOPBAR_QUERIES}>
          <Topbar />
          <MaintenanceBanner />
        </Prefetched>
        <main className="content" id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
