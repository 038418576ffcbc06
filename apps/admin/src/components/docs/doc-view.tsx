'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type MouseEvent, useEffect, useState } from 'react';
import { trpc } from '~/lib/trpc';
import { detailState } from '../kit/detail-states';
import { PageHeader } from '../kit/page-header';
import styles from './docs.module.css';

/** A heading counts as the current section once its top has passed this far below the viewport's top. */
const READING_LINE_PX = 120;

/** The section being read: the last heading above the reading line, else the first. */
function useCurrentSection(ids: readonly string[], ready: boolean) {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    if (!ready || ids.length === 0) return;
    const update = () => {
      let found: string | null = null;
      for (const id of ids) {
        const heading = document.getElementById(id);
        if (heading && heading.getBoundingClientRect().top <= READING_LINE_PX) found = id;
      }
      setCurrent(found ?? ids[0] ?? null);
    };
    // A link to a section lands on it: take it as current even when the page cannot scroll that far.
    const onHash = () => {
      const hash = decodeURIComponent(window.location.hash.slice(1));
      if (ids.includes(hash)) setCurrent(hash);
      else update();
    };
    onHash();
    // Scroll events do not bubble; capturing them on the document sees whichever element scrolls the page.
    document.addEventListener('scroll', update, { capture: true, passive: true });
    window.addEventListener('hashchange', onHash);
    return () => {
      document.removeEventListener('scroll', update, { capture: true });
      window.removeEventListener('hashchange', onHash);
    };
  }, [ids, ready]);
  return [current, setCurrent] as const;
}

/**
 * `/docs/<slug>`: the doc as the API rendered it (Markdown through its allow-list: no script, no event
 * attributes, no javascript: links), with a table of contents that follows the section being read.
 */
export function DocView({ slug }: { slug: string }) {
  const router = useRouter();
  const doc = trpc.docs.get.useQuery({ slug });
  const ids = doc.data?.headings.map((heading) => heading.id) ?? [];
  const [current, setCurrent] = useCurrentSection(ids, doc.data !== undefined);

  // Opened at a section (a search hit, another page's "Docs" link): bring it into view once the doc is there.
  useEffect(() => {
    if (!doc.data) return;
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash) document.getElementById(hash)?.scrollIntoView();
  }, [doc.data]);

  const breadcrumb = <Link href="/docs">Docs</Link>;
  const state = detailState(doc, {
    noun: 'Doc',
    breadcrumb,
    notFound: { title: 'No such doc', body: <Link href="/docs">See every doc</Link> },
  });
  if (state || !doc.data) return state;
  const data = doc.data;

  // Links between docs stay in the console's client-side navigation.
  const onArticleClick = (event: MouseEvent<HTMLDivElement>) => {
    const link = (event.target as HTMLElement).closest('a');
    const href = link?.getAttribute('href') ?? '';
    if (!href.startsWith('/docs/') || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    router.push(href);
  };

  return (
    <>
      <PageHeader title={data.title} breadcrumb={breadcrumb} description={data.source} />
      <div className={styles.layout}>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: only intercepts clicks on links, which keep their own keys. */}
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the same: the links inside are the controls. */}
        <div
          className={`card card-body ${styles.article}`}
          onClick={onArticleClick}
          // Sanitised by the API's allow-list (docs module, render.ts): inserted as it is.
          dangerouslySetInnerHTML={{ __html: data.html }}
        />
        <nav className={styles.toc} aria-label="On this page">
          <div className={styles.tocTitle}>On this page</div>
          <ul className={styles.tocList}>
            {data.headings.map((heading) => (
              <li key={heading.id} className={heading.depth === 3 ? styles.tocDepth3 : undefined}>
                <a
                  href={`#${heading.id}`}
                  aria-current={current === heading.id ? 'location' : undefined}
                  onClick={() => setCurrent(heading.id)}
                >
                  {heading.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </>
  );
}
