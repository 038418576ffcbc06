'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { KEEP_PREVIOUS } from '~/hooks/use-list-state';
import { hrefOf } from '~/lib/search-results';
import { trpc } from '~/lib/trpc';
import { ErrorState } from '../kit/states';
import { Marked } from '../shell/record-search';
import styles from './docs.module.css';

const TYPE_AHEAD_MS = 150;
const searchable = (q: string) => /[\p{L}\p{N}]/u.test(q);

/** Full-text search over the docs: the admin search index, type `doc`; each hit opens its section. */
export function DocsSearch() {
  const id = useId();
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q, TYPE_AHEAD_MS);
  const results = trpc.search.query.useQuery(
    { q: debounced, types: ['doc'], limit: 10 },
    { ...KEEP_PREVIOUS, enabled: searchable(debounced) },
  );
  const items = searchable(q) ? (results.data?.items ?? []) : [];
  const settled = searchable(q) && debounced === q && !results.isFetching && !results.isPlaceholderData;
  return (
    <section className="card card-body" aria-labelledby={`${id}-label`}>
      <label className="field-label" id={`${id}-label`} htmlFor={`${id}-q`}>
        Search the docs
      </label>
      <input
        id={`${id}-q`}
        className="input"
        type="search"
        placeholder="A word or two, e.g. outbox"
        value={q}
        onChange={(event) => setQ(event.target.value)}
      />
      {results.error ? <ErrorState error={results.error} onRetry={() => void results.refetch()} /> : null}
      {items.length > 0 ? (
        <ul className={styles.results} aria-label="Docs search results" aria-busy={!settled}>
          {items.map((hit) => (
            <li key={hit.id}>
              <Link className={styles.resultTitle} href={hrefOf(hit)}>
                <Marked html={hit.titleHtml} />
              </Link>
              {hit.snippetHtml ? (
                <div className={styles.snippet}>
                  <Marked html={hit.snippetHtml} />
                </div>
              ) : null}
              <div className={styles.path}>{hit.subtitle}</div>
            </li>
          ))}
        </ul>
      ) : settled ? (
        <p className={styles.snippet} role="status">
          Nothing in the docs matches “{q.trim()}”.
        </p>
      ) : null}
    </section>
  );
}
