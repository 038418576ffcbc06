'use client';

import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { KEEP_PREVIOUS } from '~/hooks/use-list-state';
import { groupHits, hrefOf, markedParts, type SearchHit } from '~/lib/search-results';
import { trpc } from '~/lib/trpc';
import { Icon } from '../kit/icon';
import styles from './record-search.module.css';

const TYPE_AHEAD_MS = 120;
/** Something to search for: a letter or a digit (the API refuses the rest). */
const searchable = (q: string) => /[\p{L}\p{N}]/u.test(q);

/** "/" focuses the bar from anywhere but a field being typed in; Ctrl/Cmd-K stays the page palette's. */
const isSearchKey = (event: globalThis.KeyboardEvent) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target as HTMLElement | null;
  return !target?.closest('input, textarea, select, [contenteditable="true"]');
};

/** Highlighted search text (see `markedParts`) as text and `<mark>` elements. */
export function Marked({ html }: { html: string }) {
  return (
    <>
      {markedParts(html).map((part, i) =>
        part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}

/**
 * The header's record search: type-ahead over users, tracker items, audit entries and feedback, results grouped
 * by type with the matched words marked; arrows move, Enter opens the record, Escape closes.
 */
export function RecordSearch() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const listId = useId();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  /** Enter pressed before the answer for what is typed arrived: it opens the first hit of that answer. */
  const [enterPending, setEnterPending] = useState(false);
  const debounced = useDebouncedValue(q, TYPE_AHEAD_MS);
  const results = trpc.search.query.useQuery(
    { q: debounced },
    { ...KEEP_PREVIOUS, enabled: open && searchable(debounced), staleTime: 2_000 },
  );
  const groups = searchable(q) ? groupHits(results.data?.items ?? []) : [];
  const hits = groups.flatMap((group) => group.hits);
  const current = Math.min(active, Math.max(hits.length - 1, 0));
  const optionId = (index: number) => `${listId}-${index}`;
  const showing = open && searchable(q);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!isSearchKey(event)) return;
      event.preventDefault();
      input.current?.focus();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  });

  // The hits on screen may answer an earlier query (kept while the next one loads) or a cached one being
  // refreshed; Enter then waits for the answer to what is typed rather than open a record it no longer names.
  const waiting = results.isFetching || results.isPlaceholderData || debounced !== q;

  const go = (hit: SearchHit | undefined) => {
    setEnterPending(false);
    if (!hit) return;
    setOpen(false);
    setQ('');
    input.current?.blur();
    router.push(hrefOf(hit));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + hits.length) % Math.max(hits.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (waiting && searchable(q)) setEnterPending(true);
      else go(hits[current]?.hit);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      input.current?.blur();
    }
  };

  useEffect(() => {
    if (enterPending && !waiting) go(hits[0]?.hit);
  });

  const status = results.isError
    ? 'Search failed. Try again.'
    : hits.length > 0
      ? null
      : waiting
        ? 'Searching…'
        : `No records match “${q.trim()}”.`;

  return (
    <div className={styles.search}>
      <Icon name="search" size={14} />
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Search records"
        aria-expanded={showing}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showing && hits.length > 0 ? optionId(current) : undefined}
        placeholder="Search…"
        autoComplete="off"
        spellCheck={false}
        value={q}
        aria-keyshortcuts="/"
        onFocus={() => setOpen(true)}
        // Options keep the focus here (mousedown is prevented), so leaving the input closes the results.
        onBlur={() => setOpen(false)}
        onChange={(event) => {
          setQ(event.target.value);
          setActive(0);
          setEnterPending(false);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
      />
      <kbd className={styles.kbd}>/</kbd>
      <div className={styles.popup} hidden={!showing}>
        <div ref={list} id={listId} role="listbox" aria-label="Search results" className={styles.list}>
          {groups.map((group) => (
            // biome-ignore lint/a11y/useSemanticElements: an option group of a listbox (ARIA), not a set of form fields
            <div key={group.type} role="group" aria-labelledby={`${listId}-${group.type}`}>
              <div id={`${listId}-${group.type}`} className={styles.groupLabel}>
                {group.label}
              </div>
              {group.hits.map(({ hit, index }) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard
                <div
                  key={`${hit.type}:${hit.id}`}
                  id={optionId(index)}
                  role="option"
                  tabIndex={-1}
                  aria-selected={index === current}
                  className={styles.option}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => setActive(index)}
                  onClick={() => go(hit)}
                >
                  <div className={styles.title}>
                    <span className={styles.titleText}>
                      <Marked html={hit.titleHtml} />
                    </span>
                    {hit.exact ? <span className={styles.exact}>exact</span> : null}
                  </div>
                  {hit.subtitle ? <div className={styles.subtitle}>{hit.subtitle}</div> : null}
                  {hit.snippetHtml ? (
                    <div className={styles.snippet}>
                      <Marked html={hit.snippetHtml} />
                    </div>
                  ) : null}
                </div>
              ))}
            </div>
          ))}
        </div>
        <p className={styles.status} aria-live="polite">
          {status ?? `${hits.length} ${hits.length === 1 ? 'record' : 'records'} · ↑↓ to move, Enter to open`}
        </p>
      </div>
    </div>
  );
}
