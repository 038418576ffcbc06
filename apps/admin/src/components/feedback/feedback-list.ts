import type {
  TFeedbackPlatform,
  TFeedbackStatus,
  TFeedbackType,
} from '@bytelyst/routers/modules/feedback/schema';
import type { ListConfig, ListPage } from '~/lib/list-params';

export type FeedbackFilterValues = {
  type: TFeedbackType | '';
  platform: TFeedbackPlatform | '';
  status: TFeedbackStatus | '';
  /** yyyy-mm-dd, inclusive. */
  from: string;
  /** yyyy-mm-dd, inclusive. */
  to: string;
  scoreMin: string;
  scoreMax: string;
};

export const FEEDBACK_LIST: ListConfig<FeedbackFilterValues> = {
  defaults: { type: '', platform: '', status: '', from: '', to: '', scoreMin: '', scoreMax: '' },
  pageSize: 20,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const score = (value: string) => (/^(10|[0-9])$/.test(value) ? Number(value) : undefined);

/** The `feedback.list` input of the inbox and of the server's prefetch; a To date includes its whole day. */
export const feedbackListInput = (filters: FeedbackFilterValues, page: ListPage) => {
  const min = score(filters.scoreMin);
  const max = score(filters.scoreMax);
  return {
    ...page,
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.platform ? { platform: filters.platform } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(DAY.test(filters.from) ? { from: filters.from } : {}),
    ...(DAY.test(filters.to) ? { to: nextDay(filters.to) } : {}),
    ...(min !== undefined ? { scoreMin: min } : {}),
    // A maximum below the minimum would be refused: it just does not filter yet.
    ...(max !== undefined && (min === undefined || max >= min) ? { scoreMax: max } : {}),
  };
};

export const NPS_WEEKS = 12;
export const NPS_INPUT = { weeks: NPS_WEEKS };
