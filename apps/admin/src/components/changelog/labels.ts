import type { TChangelogCategory, TChangelogState } from '@bytelyst/routers/modules/changelog/schema';
import type { Tone } from '~/components/kit/badge';

export const CATEGORY_LABELS: Record<TChangelogCategory, string> = {
  feature: 'New feature',
  improvement: 'Improvement',
  bugfix: 'Bug fix',
  security: 'Security',
};

export const CATEGORY_TONES: Record<TChangelogCategory, Tone> = {
  feature: 'accent',
  improvement: 'info',
  bugfix: 'warning',
  security: 'danger',
};

export const STATE_LABELS: Record<TChangelogState, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  published: 'Published',
};

export const STATE_TONES: Record<TChangelogState, Tone> = {
  draft: 'neutral',
  scheduled: 'info',
  published: 'success',
};

export const PLATFORM_LABELS = { ios: 'iOS', android: 'Android', desktop: 'Desktop', web: 'Web' } as const;
