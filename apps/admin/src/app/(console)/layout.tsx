import type { ReactNode } from 'react';
import { Sidebar } from '~/components/shell/sidebar';
import { Topbar } from '~/components/shell/topbar';

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Sidebar />
      <div className="main">
        <Topbar />
        <main className="content" id="main">
          {children}
        </main>
      </div>
    </div>
  );
}
