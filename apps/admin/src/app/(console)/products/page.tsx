import type { Metadata } from 'next';
import { ALL_PRODUCTS_INPUT } from '~/components/products/products-list';
import { ProductsView } from '~/components/products/products-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Products' };

export default function ProductsPage() {
  return (
    <Prefetched queries={[{ path: 'products.list', input: ALL_PRODUCTS_INPUT }, { path: 'auth.getMine' }]}>
      <ProductsView />
    </Prefetched>
  );
}
