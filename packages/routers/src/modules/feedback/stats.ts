import type { Clock, Filter } from '@bytelyst/db/document-store';
import { DAY_MS } from '../../lib/time';
import { addHistograms, emptyHistogram, SCORES, summarize, weeksEnding } from './nps';
import type { FeedbackDoc, FeedbackRepository } from './repository';
import {
  FEEDBACK_PLATFORMS,
  NPS_SEGMENTS,
  type TFeedbackPlatform,
  type TNpsSegment,
  type TNpsStats,
  type TNpsStatsInput,
} from './schema';

export const DEFAULT_WEEKS = 12;
/** Latest comments shown per segment. */
export const COMMENTS_PER_SEGMENT = 5;

/**
 * The NPS dashboard from the weekly rollups: one read of at most `weeks` (≤ 52) rollup documents, plus one
 * query of at most COMMENTS_PER_SEGMENT entries per segment, however many answers the range holds.
 */
export const createStatsService = (deps: { repo: FeedbackRepository; clock: Clock }) => ({
  async nps(productId: string, input: TNpsStatsInput): Promise<TNpsStats> {
    const weeks = weeksEnding(deps.clock(), input.weeks ?? DEFAULT_WEEKS);
    const first = weeks[0];
    const last = weeks[weeks.length - 1];
    if (!first || !last) throw new Error('weeksEnding returned no weeks');
    const from = new Date(first.startMs).toISOString();
    const to = new Date(last.startMs + 7 * DAY_MS).toISOString();
    const rollups = new Map(
      (await deps.repo.weeks(productId, first.week, last.week, weeks.length)).map((doc) => [doc.week, doc]),
    );
    const platforms: TFeedbackPlatform[] = input.platform ? [input.platform] : [...FEEDBACK_PLATFORMS];
    const total = emptyHistogram();
    const perPlatform = new Map(platforms.map((platform) => [platform, emptyHistogram()]));
    const rows = weeks.map(({ week, startMs }) => {
      const doc = rollups.get(week);
      const histogram = emptyHistogram();
      for (const platform of platforms) {
        const counts = doc?.byPlatform[platform];
        if (!counts) continue;
        addHistograms(histogram, counts);
        addHistograms(perPlatform.get(platform) ?? emptyHistogram(), counts);
      }
      addHistograms(total, histogram);
      return { week, start: new Date(startMs).toISOString(), ...summarize(histogram) };
    });

    const commentsOf = async (segment: TNpsSegment) => {
      const where: Filter<FeedbackDoc> = {
        type: { eq: 'nps_survey' },
        segment: { eq: segment },
        hasComment: { eq: true },
        createdAt: { gte: from, lt: to },
        ...(input.platform ? { platform: { eq: input.platform } } : {}),
      };
      const page = await deps.repo.list(productId, where, COMMENTS_PER_SEGMENT);
      return page.items.map((doc) => ({
        id: doc.id,
        score: doc.score ?? 0,
        platform: doc.platform,
        comment: doc.comment ?? '',
        createdAt: doc.createdAt,
      }));
    };
    const [detractor, passive, promoter] = await Promise.all(NPS_SEGMENTS.map(commentsOf));

    return {
      from,
      to,
      weeks: rows,
      total: summarize(total),
      histogram: SCORES.map((score) => ({ score, count: total[score] ?? 0 })),
      byPlatform: [...perPlatform]
        .map(([platform, histogram]) => ({ platform, ...summarize(histogram) }))
        .filter((row) => row.responses > 0),
      comments: { promoter: promoter ?? [], passive: passive ?? [], detractor: detractor ?? [] },
    };
  },
});
