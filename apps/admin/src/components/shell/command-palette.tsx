'use client';

import { useRouter } from 'next/navigation';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useModalDialog } from '../kit/dialog';
import { Icon } from '../kit/icon';
import { PAGES, searchPages } from './nav';
import styles from './shell.module.css';

/** Ctrl-K or Cmd-K anywhere opens the palette; the topbar button does the same for a mouse. */
const isPaletteKey = (event: globalThis.KeyboardEvent) =>
  event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const dialog = useModalDialog(open);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!isPaletteKey(event)) return;
      event.preventDefault();
      setOpen((current) => !current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className={styles.paletteButton} onClick={() => setOpen(true)}>
        <Icon name="search" size={14} />
        <span>Go to page…</span>
        <kbd className={styles.kbd}>Ctrl K</kbd>
      </button>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a backdrop click is a mouse shortcut; Escape closes natively */}
      <dialog
        ref={dialog}
        className={`dialog ${styles.palette}`}
        aria-label="Go to page"
        onClose={() => setOpen(false)}
        onClick={(event) => {
          if (event.target === dialog.current) setOpen(false);
        }}
      >
        {open ? <PaletteSearch onDone={() => setOpen(false)} /> : null}
      </dialog>
    </>
  );
}

function PaletteSearch({ onDone }: { onDone: () => void }) {
  const router = useRouter();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const list = useRef<HTMLDivElement>(null);
  const results = searchPages(PAGES, query);
  const current = Math.min(active, Math.max(results.length - 1, 0));
  const optionId = (index: number) => `${listId}-${index}`;

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  });

  const go = (href: string | undefined) => {
    if (!href) return;
    onDone();
    router.push(href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + results.length) % Math.max(results.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      go(results[current]?.href);
    }
  };

  return (
    <div className={styles.paletteBody}>
      <div className={styles.paletteInput}>
        <Icon name="search" size={16} />
        <input
          // biome-ignore lint/a11y/noAutofocus: the palette exists to be typed into
          autoFocus
          role="combobox"
          aria-label="Page name"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={results.length > 0 ? optionId(current) : undefined}
          placeholder="Type a page name…"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div ref={list} id={listId} role="listbox" aria-label="Pages" className={styles.paletteList}>
        {results.map((page, index) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keyboard
          <div
            key={page.href}
            id={optionId(index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === current}
            className={styles.paletteOption}
            onMouseMove={() => setActive(index)}
            onClick={() => go(page.href)}
          >
            <span>{page.label}</span>
            <span className={styles.paletteGroup}>{page.group}</span>
          </div>
        ))}
      </div>
      {results.length === 0 ? <p className={styles.paletteEmpty}>No page matches “{query}”.</p> : null}
    </div>
  );
}
