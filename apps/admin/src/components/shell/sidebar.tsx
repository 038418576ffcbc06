'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Fragment, useEffect, useRef } from 'react';
import { Icon, type IconName } from '~/components/kit/icon';

type NavItem = { href: string; label: string; icon: IconName };

const NAV: readonly { label: string; items: readonly NavItem[] }[] = [
  {
    label: 'Workspace',
    items: [
      { href: '/', label: 'Overview', icon: 'overview' },
      { href: '/users', label: 'Users', icon: 'users' },
      { href: '/products', label: 'Products', icon: 'box' },
      { href: '/tokens', label: 'API tokens', icon: 'key' },
      { href: '/audit', label: 'Audit log', icon: 'audit' },
    ],
  },
  {
    label: 'Billing',
    items: [
      { href: '/billing', label: 'Plans & subscriptions', icon: 'card' },
      { href: '/licenses', label: 'Licenses', icon: 'key' },
    ],
  },
  {
    label: 'Growth',
    items: [
      { href: '/waitlist', label: 'Waitlist', icon: 'list' },
      { href: '/growth', label: 'Invitations & referrals', icon: 'gift' },
    ],
  },
  {
    label: 'Product',
    items: [
      { href: '/flags', label: 'Feature flags', icon: 'flag' },
      { href: '/settings', label: 'Settings', icon: 'sliders' },
      { href: '/telemetry', label: 'Telemetry', icon: 'activity' },
      { href: '/tracker', label: 'Tracker', icon: 'inbox' },
      { href: '/blobs', label: 'Blob storage', icon: 'folder' },
    ],
  },
  {
    label: 'Operations',
    items: [
      { href: '/ops/events', label: 'Events', icon: 'zap' },
      { href: '/ops/jobs', label: 'Jobs', icon: 'clock' },
    ],
  },
];

const isActive = (pathname: string, href: string) =>
  href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);

/** `docsUrl`: the API's OpenAPI reference (§2.19), opened in a new tab. */
export function Sidebar({ docsUrl }: { docsUrl: string }) {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  // The link list scrolls on short screens: keep the current page's link in view after navigating.
  // Only when the list itself scrolls, so the narrow layout's page never jumps.
  useEffect(() => {
    const list = nav.current;
    if (!pathname || !list || list.scrollHeight <= list.clientHeight) return;
    list.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest' });
  }, [pathname]);
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
      <nav ref={nav} className="nav" aria-label="Main">
        {NAV.map((group) => (
          <Fragment key={group.label}>
            <span className="nav-label">{group.label}</span>
            {group.items.map((item) => (
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
          </Fragment>
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
