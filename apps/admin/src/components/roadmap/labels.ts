import type { TRoadmapStatus } from '@bytelyst/routers/modules/tracker/roadmap/schema';

export const ROADMAP_COLUMNS: readonly { status: TRoadmapStatus; label: string }[] = [
  { status: 'planned', label: 'Planned' },
  { status: 'in_progress', label: 'In progress' },
  { status: 'shipped', label: 'Shipped' },
];

export const ROADMAP_STATUS_LABELS: Record<TRoadmapStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  shipped: 'Shipped',
};

/** `?product=` carried from page to page; empty for the default product. */
export const withProduct = (path: string, product: string) =>
  product ? `${path}${path.includes('?') ? '&' : '?'}product=${encodeURIComponent(product)}` : path;

/** The public changelog's anchor for an entry (its page gives each entry's heading this id). */
export const changelogHref = (entryId: string, product: string) =>
  `${withProduct('/changelog', product)}#entry-${entryId}`;
