'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { ProductStatusBadge } from '~/components/kit/status-badges';
import { ALL_PRODUCTS_INPUT } from '~/components/products/products-list';
import { httpStatusOf } from '~/lib/api-errors';
import { clearProductCookie, writeProductCookie } from '~/lib/product-cookie';
import { trpc } from '~/lib/trpc';
import styles from './shell-bar.module.css';

export function ProductSwitcher() {
  const id = useId();
  const queryClient = useQueryClient();
  const products = trpc.products.list.useQuery(ALL_PRODUCTS_INPUT);
  const current = trpc.products.getCurrent.useQuery();
  const items = products.data?.items ?? [];
  const currentId = current.data?.id ?? '';
  const currentStatus = items.find((p) => p.id === currentId)?.status ?? current.data?.status;

  // A product chosen earlier may have been deleted since: fall back to the home product.
  const currentMissing = httpStatusOf(current.error) === 404;
  useEffect(() => {
    if (!currentMissing) return;
    clearProductCookie();
    void queryClient.invalidateQueries();
  }, [currentMissing, queryClient]);

  const onChange = async (productId: string) => {
    writeProductCookie(productId);
    // Everything cached belongs to the previous product.
    await queryClient.invalidateQueries();
  };

  return (
    <div className={styles.productSwitcher}>
      <label htmlFor={id} className="visually-hidden">
        Product
      </label>
      <select
        id={id}
        className="select"
        value={currentId}
        disabled={products.isLoading || current.isLoading}
        onChange={(event) => void onChange(event.target.value)}
      >
        {currentId && !items.some((p) => p.id === currentId) ? (
          <option value={currentId}>{current.data?.name ?? currentId}</option>
        ) : null}
        {!currentId ? (
          <option value="">
            {current.error || products.error ? 'Products unavailable' : 'Loading products…'}
          </option>
        ) : null}
        {items.map((product) => (
          <option key={product.id} value={product.id}>
            {product.name}
          </option>
        ))}
      </select>
      {currentStatus ? <ProductStatusBadge status={currentStatus} /> : null}
    </div>
  );
}
