'use client';

import { PRODUCT_TRANSITIONS } from '@bytelyst/routers/modules/products/lifecycle';
import type { TProduct, TProductStatus } from '@bytelyst/routers/modules/products/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { PRODUCT_STATUS_LABELS, ProductStatusBadge } from '~/components/kit/status-badges';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { EditProductDialog } from './edit-product-dialog';

const COLUMNS: readonly Column[] = [
  { label: 'Product' },
  { label: 'Status' },
  { label: 'Description' },
  { label: 'Created' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & { products: readonly TProduct[]; canManage: boolean };
type Pending = { product: TProduct; to: TProductStatus };

export function ProductsTable({ products, canManage, ...state }: Props) {
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [editing, setEditing] = useState<TProduct | null>(null);
  const transition = trpc.products.transition.useMutation(
    useMutationFeedback({
      success: (product) => `${product.name} is now ${PRODUCT_STATUS_LABELS[product.status].toLowerCase()}.`,
      onDone: () => setConfirm(null),
      invalidate: (u) => [u.products.list.invalidate(), u.products.getCurrent.invalidate()],
    }),
  );

  const move = (product: TProduct, to: TProductStatus) => {
    if (to === 'disabled') setConfirm({ product, to });
    else transition.mutate({ id: product.id, to, ifMatch: product.etag });
  };

  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={products}
      emptyTitle="No products yet"
      emptyHint="Register the first one with New product."
      renderRow={(product) => {
        const busy = transition.isPending && transition.variables?.id === product.id;
        return (
          <tr key={product.id}>
            <td>
              <div className="cell-primary">{product.name}</div>
              <div className="cell-secondary mono">{product.id}</div>
            </td>
            <td>
              <ProductStatusBadge status={product.status} />
            </td>
            <td className="cell-muted" style={{ whiteSpace: 'normal', maxWidth: 320 }}>
              {product.description || '—'}
            </td>
            <td className="cell-muted">{formatDate(product.createdAt)}</td>
            <td className="cell-actions">
              <div className="btn-group" style={{ justifyContent: 'flex-end' }}>
                {canManage ? (
                  <Button size="sm" aria-label={`Edit ${product.name}`} onClick={() => setEditing(product)}>
                    Edit
                  </Button>
                ) : null}
                {(canManage ? PRODUCT_TRANSITIONS[product.status] : []).map((to) => (
                  <Button
                    key={to}
                    size="sm"
                    variant={to === 'disabled' ? 'ghost' : 'default'}
                    className={to === 'disabled' ? 'btn-ghost-danger' : undefined}
                    disabled={busy}
                    aria-label={`Move ${product.name} to ${PRODUCT_STATUS_LABELS[to]}`}
                    onClick={() => move(product, to)}
                  >
                    {to === 'disabled' ? 'Disable' : PRODUCT_STATUS_LABELS[to]}
                  </Button>
                ))}
              </div>
            </td>
          </tr>
        );
      }}
    >
      <ConfirmDialog
        open={confirm !== null}
        title={`Disable ${confirm?.product.name ?? 'product'}?`}
        description="Disabling is an emergency stop: clients of this product are refused until a super admin moves it back to sunset."
        confirmLabel="Disable product"
        pending={transition.isPending}
        onConfirm={() => {
          if (confirm)
            transition.mutate({ id: confirm.product.id, to: confirm.to, ifMatch: confirm.product.etag });
        }}
        onClose={() => setConfirm(null)}
      />
      <EditProductDialog product={editing} onClose={() => setEditing(null)} />
    </DataTable>
  );
}
