import type { Clock, Filter } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { addDays, DAY_MS, dayOf, startOfDay } from '../../lib/time';
import { type CaseDoc, type DunningRepository, toCase } from './repository';
import {
  DUNNING_STAGES,
  type TDunningCase,
  type TDunningCaseView,
  type TDunningListInput,
  type TDunningStage,
  type TDunningStatsOutput,
  ZDunningListInput,
} from './schema';
import { daysLeft } from './transitions';

/** Most recovered cases one stats call reads (a window of a year on a large product stays well under). */
const STATS_MAX = 10_000;
const PAGE = 1000;

/** The console's reads: cases by stage, one case, and recovered revenue over time. */
export const createDunningAdmin = (deps: { repo: DunningRepository; clock: Clock }) => {
  const { repo, clock } = deps;
  const view = (c: TDunningCase): TDunningCaseView => ({
    ...c,
    daysLeft: c.open ? daysLeft(c.graceEndsAt, clock()) : null,
  });

  /** Every case matching `where`, page by page (bounded by STATS_MAX). */
  const all = async (productId: string, where: Filter<CaseDoc>) => {
    const out: TDunningCase[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.list(productId, where, [], PAGE, cursor);
      out.push(...page.items.map(toCase));
      cursor = page.continuation ?? undefined;
    } while (cursor && out.length < STATS_MAX);
    return out;
  };

  return {
    async list(productId: string, raw: TDunningListInput) {
      const input = ZDunningListInput.parse(raw);
      const where: Filter<CaseDoc> = {
        ...(input.stage === 'open'
          ? { open: { eq: true } }
          : input.stage
            ? { stage: { eq: input.stage } }
            : {}),
        ...(input.userId ? { userId: { eq: input.userId } } : {}),
      };
      const [page, total] = await Promise.all([
        repo.list(productId, where, [{ field: 'startedAt', direction: 'desc' }], input.limit, input.cursor),
        repo.count(productId, where),
      ]);
      return { items: page.items.map((doc) => view(toCase(doc))), nextCursor: page.continuation, total };
    },
    async get(productId: string, invoiceId: string): Promise<TDunningCaseView> {
      const doc = await repo.getCase(productId, invoiceId);
      if (!doc) throw new AppError('NOT_FOUND', `No dunning case for invoice ${invoiceId}`);
      return view(toCase(doc));
    },
    async stats(productId: string, days: number): Promise<TDunningStatsOutput> {
      const today = startOfDay(clock());
      const from = new Date(addDays(today, -(days - 1))).toISOString();
      const counts = await Promise.all(
        DUNNING_STAGES.map((stage) => repo.count(productId, { stage: { eq: stage } })),
      );
      const byStage = Object.fromEntries(DUNNING_STAGES.map((stage, i) => [stage, counts[i] ?? 0])) as Record<
        TDunningStage,
        number
      >;
      const [recovered, downgraded] = await Promise.all([
        all(productId, { stage: { eq: 'recovered' }, recoveredAt: { gte: from } }),
        all(productId, { stage: { eq: 'downgraded' }, downgradedAt: { gte: from } }),
      ]);
      const series = Array.from({ length: days }, (_, i) => ({
        day: dayOf(today - (days - 1 - i) * DAY_MS),
        amounts: {} as Record<string, number>,
        cases: 0,
      }));
      const byDay = new Map(series.map((point) => [point.day, point]));
      const recoveredTotal: Record<string, number> = {};
      for (const c of recovered) {
        const point = c.recoveredAt ? byDay.get(c.recoveredAt.slice(0, 10)) : undefined;
        if (!point) continue;
        const amount = c.amountPaid ?? c.amountDue;
        point.amounts[c.currency] = (point.amounts[c.currency] ?? 0) + amount;
        point.cases += 1;
        recoveredTotal[c.currency] = (recoveredTotal[c.currency] ?? 0) + amount;
      }
      const closed = recovered.length + downgraded.length;
      return {
        byStage,
        recovered: series,
        recoveredTotal,
        recoveryRate: closed === 0 ? null : recovered.length / closed,
      };
    },
  };
};
