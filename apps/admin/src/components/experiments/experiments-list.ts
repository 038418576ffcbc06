import type { TExperimentStatus } from '@bytelyst/routers/modules/experiments/schema';
import type { ListConfig, ListPage } from '~/lib/list-params';

export type ExperimentFilters = { status: TExperimentStatus | '' };

export const EXPERIMENTS_LIST: ListConfig<ExperimentFilters> = { defaults: { status: '' }, pageSize: 20 };

/** The `experiments.list` input of the view and of the server's prefetch. */
export const experimentsListInput = (filters: ExperimentFilters, page: ListPage) => ({
  ...page,
  ...(filters.status ? { status: filters.status } : {}),
});

/** The flags a wizard offers to back an experiment: the first hundred by key. */
export const FLAG_CHOICES_INPUT = { limit: 100, sort: 'key' as const };
