'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Icon, type IconName } from '../icon';

const NAV: readonly { href: string; label: string; icon: IconName }[] = [
  { href: '/', label: 'Overview', icon: 'overview' },
  { href: '/users', label: 'Users', icon: 'users' },
  { href: '/products', label: 'Products', icon: 'box' },
  { href: '/tokens', label: 'API tokens', icon: 'key' },
  { href: '/audit', label: 'Audit log', icon: 'audit' },
];

const isActive = (pathname: string, href: string) =>
  href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);

/** `docsUrl`: the API's OpenAPI reference (§2.19), opened in a new tab. */
export function Sidebar({ docsUrl }: { docsUrl: string }) {
  const pathname = usePathname();
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          B
        </span>
        <span>
          ByteLyst
          <span className="brand-sub">Platform console</span>
        </span>
      </div>
      <nav className="nav" aria-label="Main">
        <span className="nav-label">Workspace</span>
        {NAV.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            className="nav-link"
            aria-current={isActive(pathname, item.href) ? 'page' : undefined}
          >
            <Icon name={item.icon} size={16} />
            {item.label}
          </Link>
        ))}
      </nav>
      <div className="sidebar-footer">
        <a className="nav-link" href={docsUrl} target="_blank" rel="noreferrer">
          <Icon name="book" size={16} />
          API docs
        </a>
      </div>
    </aside>
  );
}
