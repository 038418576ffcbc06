'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Icon } from '../kit/icon';
import { isActive, NAV, type NavGroup } from './nav';
import { useCollapsedGroups } from './nav-groups-store';
import styles from './shell.module.css';

/** `docsUrl`: the API's OpenAPI reference, opened in a new tab. */
export function Sidebar({ docsUrl }: { docsUrl: string }) {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);
  const groups = useCollapsedGroups();
  // `data-ready` once the links are hydrated: a click before then can be lost, so the e2e suite waits for it.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
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
      <nav ref={nav} className="nav" aria-label="Main" data-ready={ready ? '' : undefined}>
        {NAV.map((group) => (
          <SidebarGroup
            key={group.label}
            group={group}
            pathname={pathname}
            collapsed={groups.isCollapsed(group.label)}
            onToggle={() => groups.toggle(group.label)}
          />
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

type GroupProps = { group: NavGroup; pathname: string; collapsed: boolean; onToggle: () => void };

function SidebarGroup({ group, pathname, collapsed, onToggle }: GroupProps) {
  const id = `nav-group-${group.label.toLowerCase()}`;
  const holdsCurrent = group.items.some((item) => isActive(pathname, item.href));
  return (
    <div className={styles.group}>
      <button
        type="button"
        className={styles.groupToggle}
        aria-expanded={!collapsed}
        aria-controls={id}
        data-current={collapsed && holdsCurrent ? '' : undefined}
        onClick={onToggle}
      >
        <span className={styles.groupLabel}>{group.label}</span>
        <span className={styles.chevron} aria-hidden="true">
          <Icon name="down" size={12} />
        </span>
      </button>
      <div id={id} className={styles.groupItems} hidden={collapsed}>
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
      </div>
    </div>
  );
}
