import type { TLicense } from '@bytelyst/routers/modules/licenses/schema';
import Link from 'next/link';
import { Card } from '~/components/kit/card';
import { formatDateTime } from '~/lib/format';
import { DeviceCount, KeyHint, LicenseStatusBadge } from './license-badges';

export function LicenseFactsCard({ license }: { license: TLicense }) {
  return (
    <Card titleId="license-facts-title" title="License">
      <dl className="dl">
        <dt>Key</dt>
        <dd>
          <KeyHint keyPrefix={license.keyPrefix} keySuffix={license.keySuffix} />
        </dd>
        <dt>License ID</dt>
        <dd className="mono">{license.id}</dd>
        <dt>User</dt>
        <dd>
          <Link className="table-link mono" href={`/users/${encodeURIComponent(license.userId)}`}>
            {license.userId}
          </Link>
        </dd>
        <dt>Plan</dt>
        <dd>{license.planCode ?? <span className="muted">Custom limit</span>}</dd>
        <dt>Devices</dt>
        <dd>
          <DeviceCount active={license.activeDevices} max={license.maxDevices} />
        </dd>
        <dt>Status</dt>
        <dd>
          <LicenseStatusBadge status={license.status} />
          {license.revokeReason ? <span className="muted"> · {license.revokeReason}</span> : null}
        </dd>
        <dt>Expires</dt>
        <dd>
          {license.expiresAt ? formatDateTime(license.expiresAt) : 'Never'}
          {license.expiryWarnedAt ? (
            <span className="muted"> · warned {formatDateTime(license.expiryWarnedAt)}</span>
          ) : null}
        </dd>
        {license.revokedAt ? (
          <>
            <dt>Revoked</dt>
            <dd>{formatDateTime(license.revokedAt)}</dd>
          </>
        ) : null}
        <dt>Note</dt>
        <dd>{license.note || <span className="muted">None</span>}</dd>
        <dt>Created</dt>
        <dd>
          {formatDateTime(license.createdAt)}
          <span className="muted mono"> · by {license.createdBy}</span>
        </dd>
        <dt>Updated</dt>
        <dd>{formatDateTime(license.updatedAt)}</dd>
      </dl>
    </Card>
  );
}
