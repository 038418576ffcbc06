import type { TMaintenanceMode } from '@bytelyst/routers/modules/maintenance/schema';
import type { Tone } from '~/components/kit/badge';

export const MODE_LABELS: Record<TMaintenanceMode, string> = {
  off: 'Off',
  read_only: 'Read-only',
  maintenance: 'Maintenance',
  emergency: 'Emergency',
};

export const MODE_HINTS: Record<TMaintenanceMode, string> = {
  off: 'Everything runs normally.',
  read_only: 'Reads work; every change is refused with 503.',
  maintenance: 'Every request is refused with 503; jobs and non-transactional sends are held.',
  emergency: 'As maintenance, and the kill switch stops every client.',
};

export const MODE_TONES: Record<TMaintenanceMode, Tone> = {
  off: 'success',
  read_only: 'warning',
  maintenance: 'danger',
  emergency: 'danger',
};

/** The platform's own status components, which `affectedServices` names. */
export const SERVICE_LABELS: Record<string, string> = {
  api: 'API',
  console: 'Console',
  database: 'Database',
  blob_storage: 'Blob storage',
  email: 'Email',
  push: 'Push',
  job_runner: 'Job runner',
  event_bus: 'Event bus',
};
