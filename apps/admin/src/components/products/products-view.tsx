'use client';

import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { trpc } from '~/lib/trpc';
import { CreateProductDialog } from './create-product-dialog';
import { ALL_PRODUCTS_INPUT } from './products-list';
import { ProductsTable } from './products-table';

export function ProductsView() {
  const [creating, setCreating] = useState(false);
  const products = trpc.products.list.useQuery(ALL_PRODUCTS_INPUT);
  // Product changes are super_admin procedures; admins get a read-only view.
  const me = trpc.auth.getMine.useQuery();
  const canManage = me.data?.roles.includes('super_admin') ?? false;
  return (
    <>
      <PageHeader
        title="Products"
        description="Every product on the platform and where it is in its lifecycle."
        actions={canManage ? <NewButton label="New product" onClick={() => setCreating(true)} /> : null}
      />
      <section className="card" aria-label="Products">
        <ProductsTable
          products={products.data?.items ?? []}
          {...tableStateOf(products)}
          canManage={canManage}
        />
        <div className="table-footer">
          <span>
            {canManage
              ? 'Lifecycle: draft → pre-launch → beta → active → sunset → disabled. Only legal moves are offered.'
              : 'Only super admins can create products or change their lifecycle.'}
          </span>
        </div>
      </section>
      <CreateProductDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
