import type { IconName } from '../kit/icon';

export type NavItem = { href: string; label: string; icon: IconName };
export type NavGroup = { label: string; items: readonly NavItem[] };
/** A page the command palette can open: every sidebar item, plus the tabs inside a page. */
export type NavPage = { href: string; label: string; group: string; keywords?: string };

/** The sidebar, by area. Groups collapse, so the list still scans when the console has forty pages. */
export const NAV: readonly NavGroup[] = [
  {
    label: 'Workspace',
    items: [
      { href: '/', label: 'Overview', icon: 'overview' },
      { href: '/analytics', label: 'Analytics', icon: 'chart' },
      { href: '/users', label: 'Users', icon: 'users' },
      { href: '/orgs', label: 'Organizations', icon: 'users' },
      { href: '/products', label: 'Products', icon: 'box' },
      { href: '/tokens', label: 'API tokens', icon: 'key' },
      { href: '/settings/sso', label: 'Single sign-on', icon: 'shield' },
      { href: '/audit', label: 'Audit log', icon: 'audit' },
      { href: '/me/sessions', label: 'My sessions', icon: 'monitor' },
    ],
  },
  {
    label: 'Billing',
    items: [
      { href: '/billing', label: 'Plans & subscriptions', icon: 'card' },
      { href: '/billing/promos', label: 'Promo codes', icon: 'gift' },
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
      { href: '/experiments', label: 'Experiments', icon: 'flask' },
      { href: '/settings', label: 'Settings', icon: 'sliders' },
      { href: '/tracker', label: 'Tracker', icon: 'inbox' },
      { href: '/feedback', label: 'Feedback', icon: 'mail' },
      { href: '/content/changelog', label: 'Changelog', icon: 'book' },
      { href: '/i18n', label: 'Localization', icon: 'globe' },
      { href: '/themes', label: 'Themes', icon: 'sliders' },
      { href: '/blobs', label: 'Blob storage', icon: 'folder' },
    ],
  },
  {
    label: 'Operations',
    items: [
      { href: '/ops/events', label: 'Events', icon: 'zap' },
      { href: '/ops/webhooks', label: 'Webhooks', icon: 'send' },
      { href: '/ops/jobs', label: 'Jobs', icon: 'clock' },
      { href: '/ops/exports', label: 'Exports', icon: 'folder' },
      { href: '/ops/retention', label: 'Retention', icon: 'trash' },
      { href: '/ops/delivery', label: 'Delivery', icon: 'send' },
      { href: '/ops/delivery/templates', label: 'Email templates', icon: 'mail' },
      { href: '/ops/maintenance', label: 'Maintenance', icon: 'alert' },
      { href: '/ops/status', label: 'Status page', icon: 'monitor' },
      { href: '/ops/rate-limits', label: 'Rate limits', icon: 'shield' },
      { href: '/ops/api-versions', label: 'API versions', icon: 'list' },
      { href: '/ops/migrations', label: 'Migrations', icon: 'book' },
      { href: '/ops/backups', label: 'Backups', icon: 'box' },
      { href: '/ops/secrets', label: 'Secrets', icon: 'key' },
      { href: '/telemetry', label: 'Telemetry', icon: 'activity' },
    ],
  },
  {
    label: 'Help',
    items: [{ href: '/docs', label: 'Docs', icon: 'book' }],
  },
];

/** Tabs inside a page, which the sidebar does not list. */
const TABS: readonly NavPage[] = [
  {
    href: '/feedback/nps',
    label: 'NPS dashboard',
    group: 'Product',
    keywords: 'feedback survey net promoter score',
  },
  {
    href: '/experiments/new',
    label: 'New experiment',
    group: 'Product',
    keywords: 'a/b test wizard variants',
  },
  {
    href: '/experiments/metrics',
    label: 'Experiment metrics',
    group: 'Product',
    keywords: 'a/b test conversion ratio',
  },
  { href: '/billing/subscriptions', label: 'Subscriptions', group: 'Billing' },
  {
    href: '/billing/dunning',
    label: 'Dunning',
    group: 'Billing',
    keywords: 'failed payments past due recovery downgrade',
  },
  { href: '/growth/referrals', label: 'Referrals', group: 'Growth' },
  {
    href: '/ops/events/dead-letters',
    label: 'Dead letters',
    group: 'Operations',
    keywords: 'events failed replay',
  },
  { href: '/ops/events/catalogue', label: 'Event catalogue', group: 'Operations', keywords: 'schema types' },
  {
    href: '/ops/delivery/suppressions',
    label: 'Email suppressions',
    group: 'Operations',
    keywords: 'delivery bounced unsubscribed spam',
  },
  {
    href: '/telemetry/clusters',
    label: 'Error clusters',
    group: 'Operations',
    keywords: 'telemetry crashes',
  },
  {
    href: '/telemetry/devices',
    label: 'Devices',
    group: 'Operations',
    keywords: 'telemetry push notifications',
  },
  {
    href: '/telemetry/policy',
    label: 'Collection policy',
    group: 'Operations',
    keywords: 'telemetry sampling',
  },
];

export const PAGES: readonly NavPage[] = [
  ...NAV.flatMap((group) =>
    group.items.map((item) => ({ href: item.href, label: item.label, group: group.label })),
  ),
  ...TABS,
];

/** Pages whose label, group or keywords hold every word of `query`; label prefixes first. */
export function searchPages(pages: readonly NavPage[], query: string): NavPage[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...pages];
  const text = (page: NavPage) => `${page.label} ${page.group} ${page.keywords ?? ''}`.toLowerCase();
  const matches = pages.filter((page) => words.every((word) => text(page).includes(word)));
  const first = words[0] ?? '';
  const starts = (page: NavPage) => (page.label.toLowerCase().startsWith(first) ? 0 : 1);
  return matches.sort((a, b) => starts(a) - starts(b));
}

const matches = (pathname: string, href: string) =>
  href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);

const NAV_HREFS = NAV.flatMap((group) => group.items.map((item) => item.href));

/** The sidebar item of a page is the longest href that holds it: /ops/delivery/templates is not Delivery's. */
export const isActive = (pathname: string, href: string) =>
  matches(pathname, href) &&
  !NAV_HREFS.some(
    (other) => other.length > href.length && other.startsWith(href) && matches(pathname, other),
  );
