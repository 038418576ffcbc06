'use client';

import Link from 'next/link';
import { docHref } from '~/lib/search-results';
import { trpc } from '~/lib/trpc';
import { PageHeader } from '../kit/page-header';
import { EmptyState, ErrorState } from '../kit/states';
import styles from './docs.module.css';
import { DocsSearch } from './docs-search';

/** `/docs`: the platform's docs with their sections, and a search over them. */
export function DocsIndexView() {
  const list = trpc.docs.list.useQuery();
  const docs = list.data?.items;
  return (
    <>
      <PageHeader
        title="Docs"
        description="How the platform is built and run: the Markdown in the repo's docs/ folder (DOCS_DIR), rendered here."
      />
      <DocsSearch />
      {list.error ? (
        <div className="card">
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        </div>
      ) : !docs ? (
        <div className="card card-body stack" aria-busy="true">
          <span className="skeleton" style={{ width: '40%' }} />
          <span className="skeleton" style={{ width: '60%' }} />
        </div>
      ) : docs.length === 0 ? (
        <div className="card">
          <EmptyState title="No docs">The API found no Markdown files in its DOCS_DIR.</EmptyState>
        </div>
      ) : (
        <div className={styles.docList}>
          {docs.map((doc) => (
            <article key={doc.slug} className="card card-body" aria-labelledby={`doc-${doc.slug}`}>
              <h2 className="card-title" id={`doc-${doc.slug}`}>
                <Link href={docHref(doc.slug)}>{doc.title}</Link>
              </h2>
              <ul className={styles.sections} aria-label={`Sections of ${doc.title}`}>
                {doc.headings
                  .filter((heading) => heading.depth === 2)
                  .map((heading) => (
                    <li key={heading.id}>
                      <Link href={docHref(doc.slug, heading.id)}>{heading.text}</Link>
                    </li>
                  ))}
              </ul>
            </article>
          ))}
        </div>
      )}
    </>
  );
}
