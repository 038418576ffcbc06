'use client';

import type { TKillSwitchPublic } from '@bytelyst/routers/modules/settings/schema';
import { Card } from '~/components/kit/card';
import { JsonBlock } from '~/components/kit/json-block';

/** Exactly what the public endpoint answers a client that sends no app version. */
export function PublicPreviewCard({ current }: { current: TKillSwitchPublic }) {
  return (
    <Card
      titleId="kill-switch-preview-title"
      title="Public response"
      subtitle={
        <>
          <code>GET /v1/settings/kill-switch</code> with this product's <code>x-product-id</code>; no sign-in.
          Add <code>?appVersion=</code> to see <code>blocked</code> for one version.
        </>
      }
    >
      <JsonBlock value={current} />
    </Card>
  );
}
