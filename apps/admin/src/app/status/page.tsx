import type { Metadata } from 'next';
import { StatusPage } from '~/components/status-page/status-page';
import styles from '~/components/status-page/status-page.module.css';
import { loadStatusPage, publicApiUrl } from '~/server/status-api';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const productOf = async (searchParams: Props['searchParams']) => {
  const { product } = await searchParams;
  const value = Array.isArray(product) ? product[0] : product;
  return value?.trim() ? value.trim() : null;
};

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  // The same request as the page's: fetch memoises it, so the API is asked once.
  const data = await loadStatusPage((await productOf(searchParams)) ?? undefined);
  return { title: { absolute: data ? `${data.status.product.name} status` : 'Status' } };
}

/**
 * The public status page (no sign-in; see proxy.ts): rendered on the server from the API's public status
 * answers, which it reuses for 30 s; the HTML is cacheable by shared caches too (next.config.ts).
 */
export default async function PublicStatusPage({ searchParams }: Props) {
  const product = await productOf(searchParams);
  const data = await loadStatusPage(product ?? undefined);
  if (!data) {
    return (
      <main className={styles.tokenPage}>
        <div className={`card ${styles.tokenCard}`} role="alert">
          <h1 className={styles.sectionTitle}>Status unavailable</h1>
          <p className={styles.meta}>The status service did not answer. Try again in a minute.</p>
        </div>
      </main>
    );
  }
  const feedUrl = publicApiUrl(
    `/v1/public/status/feed.atom${product ? `?product=${encodeURIComponent(product)}` : ''}`,
  );
  return <StatusPage {...data} product={product} feedUrl={feedUrl} />;
}
