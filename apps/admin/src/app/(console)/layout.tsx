import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Sidebar } from '~/components/shell/sidebar';
import { Topbar } from '~/components/shell/topbar';
import { env } from '~/env';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  // Rendered per request, so the API address comes from the environment at run time, not at build time.
  await connection();
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Sidebar docsUrl={`${env.API_PUBLIC_URL ?? env.API_URL}/documentation/`} />
      <div className="main">
        <Topbar />
        <main className="content" id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
