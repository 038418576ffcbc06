'use client';

import { useState } from 'react';
import { trpc } from '~/lib/trpc';
import { Button } from '../button';
import { Icon } from '../icon';
import { PageHeader } from '../page-header';
import { CreateProductDialog } from './create-product-dialog';
import { ProductsTable } from './products-table';

export function ProductsView() {
  const [creating, setCreating] = useState(false);
  const products = trpc.products.list.useQuery({});
  // Product changes are super_admin procedures; admins get a read-only view.
  const me = trpc.auth.me.useQuery();
  const canManage = me.data?.roles.includes('super_admin') ?? false;
  return (
    <>
      <PageHeader
        title="Products"
        description="Every product on the platform and where it is in its lifecycle."
        actions={
          canManage ? (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <Icon name="plus" size={14} />
              New product
            </Button>
          ) : null
        }
      />
      <section className="card" aria-label="Products">
        <ProductsTable
          products={products.data?.items ?? []}
          isLoading={products.isLoading}
          error={products.error}
          onRetry={() => void products.refetch()}
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
