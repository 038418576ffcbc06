import type { TTranslationStatus } from '@bytelyst/routers/modules/i18n/schema';
import type { Tone } from '~/components/kit/badge';

export const STATUS_LABELS: Record<TTranslationStatus, string> = {
  missing: 'Missing',
  draft: 'Draft',
  translated: 'Translated',
  reviewed: 'Reviewed',
};

export const STATUS_TONES: Record<TTranslationStatus, Tone> = {
  missing: 'danger',
  draft: 'warning',
  translated: 'info',
  reviewed: 'success',
};

export const FORMAT_LABELS = {
  'json-flat': 'JSON (flat)',
  'json-nested': 'JSON (nested)',
  xliff: 'XLIFF 2.0',
} as const;
