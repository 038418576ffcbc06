import type { RouterOutputs } from './trpc';

export type SearchHit = RouterOutputs['search']['query']['items'][number];
export type SearchType = SearchHit['type'];

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  user: 'Users',
  tracker_item: 'Tracker items',
  audit: 'Audit log',
  feedback: 'Feedback',
  changelog: 'Changelog',
  memory: 'Memory items',
  doc: 'Docs',
};

export type SearchGroup = {
  type: SearchType;
  label: string;
  /** Each hit with its place in the list as shown (group after group), which the arrow keys move through. */
  hits: { hit: SearchHit; index: number }[];
};

/** Hits grouped by type, the groups in the order of their best hit, each keeping the ranking's order. */
export function groupHits(items: readonly SearchHit[]): SearchGroup[] {
  const groups = new Map<SearchType, SearchGroup>();
  for (const hit of items) {
    const group = groups.get(hit.type) ?? { type: hit.type, label: SEARCH_TYPE_LABELS[hit.type], hits: [] };
    group.hits.push({ hit, index: 0 });
    groups.set(hit.type, group);
  }
  let index = 0;
  for (const group of groups.values()) for (const entry of group.hits) entry.index = index++;
  return [...groups.values()];
}

/** The calendar day of an instant in the browser's time zone, as the audit log's date filters read it. */
const localDay = (iso: string) => {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
};

/** A doc in the console's docs browser, at a heading when one is given. */
export const docHref = (slug: string, anchor?: string): string =>
  `/docs/${encodeURIComponent(slug)}${anchor ? `#${encodeURIComponent(anchor)}` : ''}`;

/** The console page that shows a hit's record: its detail page, or the audit log narrowed to the entry. */
export function hrefOf(hit: SearchHit): string {
  const id = encodeURIComponent(hit.ref.id ?? hit.id);
  switch (hit.type) {
    case 'user':
      return `/users/${id}`;
    case 'tracker_item':
      return `/tracker/${id}`;
    case 'feedback':
      return `/feedback/${id}`;
    case 'changelog':
      return `/content/changelog?entry=${id}`;
    case 'memory':
      return `/users/${encodeURIComponent(hit.ref.userId ?? '')}?memory=${id}#memory`;
    case 'doc':
      return docHref(hit.ref.slug ?? '', hit.ref.anchor);
    case 'audit': {
      const params = new URLSearchParams();
      for (const key of ['actorId', 'action', 'targetId'] as const) {
        const value = hit.ref[key];
        if (value) params.set(key, value);
      }
      if (hit.ref.at) {
        params.set('from', localDay(hit.ref.at));
        params.set('to', localDay(hit.ref.at));
      }
      return `/audit?${params}`;
    }
  }
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * The API's highlighted text (escaped HTML whose only markup is `<mark>`) as plain parts, so the console renders
 * it as text and `<mark>` elements and never hands HTML to the browser.
 */
export function markedParts(html: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let mark = false;
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>' || piece === '</mark>') {
      mark = piece === '<mark>';
      continue;
    }
    if (piece)
      parts.push({ text: piece.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e), mark });
  }
  return parts;
}
