import type { TLicenseStatus } from '@bytelyst/routers/modules/licenses/schema';
import { Badge, type Tone } from '~/components/kit/badge';

const TONES: Record<TLicenseStatus, Tone> = { active: 'success', revoked: 'danger', expired: 'warning' };

export const LICENSE_STATUS_LABELS: Record<TLicenseStatus, string> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
};

export function LicenseStatusBadge({ status }: { status: TLicenseStatus }) {
  return (
    <Badge tone={TONES[status]} dot>
      {LICENSE_STATUS_LABELS[status]}
    </Badge>
  );
}

/** A key as it may be shown after generation: its first group and last four symbols. */
export function KeyHint({ keyPrefix, keySuffix }: { keyPrefix: string; keySuffix: string }) {
  return (
    <code className="nowrap">
      {keyPrefix}-…-{keySuffix}
    </code>
  );
}

export function DeviceCount({ active, max }: { active: number; max: number }) {
  return (
    <span className="tabular" title={`${active} of ${max} devices in use`}>
      {active} / {max}
    </span>
  );
}
