import type { TDunningStage } from '@bytelyst/routers/modules/dunning/schema';
import type { Tone } from '~/components/kit/badge';
import type { ListConfig, ListPage } from '~/lib/list-params';

export type DunningFilters = { stage: TDunningStage | 'open' | '' };

export const DUNNING_LIST: ListConfig<DunningFilters> = { defaults: { stage: 'open' }, pageSize: 25 };

/** Days the recovered-revenue chart covers. */
export const DUNNING_STATS_INPUT = { days: 30 };

/** The `dunning.list` input of the view and of the server's prefetch. */
export const dunningListInput = (filters: DunningFilters, page: ListPage) => ({
  ...(filters.stage ? { stage: filters.stage } : {}),
  ...page,
});

export const DUNNING_STAGE_LABELS: Record<TDunningStage, string> = {
  started: 'Payment failed',
  final_warning: 'Final warning',
  downgraded: 'Downgraded',
  recovered: 'Recovered',
};

export const DUNNING_STAGE_TONES: Record<TDunningStage, Tone> = {
  started: 'warning',
  final_warning: 'danger',
  downgraded: 'neutral',
  recovered: 'success',
};

export const DUNNING_MAIL_LABELS: Record<string, string> = {
  'payment-failed': 'Payment failed',
  'dunning-final-warning': 'Final warning',
  'dunning-downgraded': 'Downgraded',
};
