import type {
  TFeedbackPlatform,
  TFeedbackStatus,
  TFeedbackType,
  TNpsSegment,
} from '@bytelyst/routers/modules/feedback/schema';
import { Badge, type Tone } from '~/components/kit/badge';

export const TYPE_LABELS: Record<TFeedbackType, string> = {
  bug_report: 'Bug report',
  feature_request: 'Feature request',
  nps_survey: 'NPS',
  general: 'General',
};
const TYPE_TONES: Record<TFeedbackType, Tone> = {
  bug_report: 'danger',
  feature_request: 'accent',
  nps_survey: 'info',
  general: 'neutral',
};

export const STATUS_LABELS: Record<TFeedbackStatus, string> = {
  new: 'New',
  replied: 'Replied',
  converted: 'In tracker',
  dismissed: 'Dismissed',
};
const STATUS_TONES: Record<TFeedbackStatus, Tone> = {
  new: 'info',
  replied: 'accent',
  converted: 'success',
  dismissed: 'neutral',
};

export const PLATFORM_LABELS: Record<TFeedbackPlatform, string> = {
  ios: 'iOS',
  android: 'Android',
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
  web: 'Web',
  other: 'Other',
};

export const SEGMENT_LABELS: Record<TNpsSegment, string> = {
  promoter: 'Promoters (9–10)',
  passive: 'Passives (7–8)',
  detractor: 'Detractors (0–6)',
};

// SVG presentation attributes take no CSS variables: these repeat the tokens of globals.css.
export const SEGMENT_COLORS: Record<TNpsSegment, string> = {
  promoter: '#1f8f52',
  passive: '#c28a12',
  detractor: '#d93f3f',
};

export const segmentOfScore = (score: number): TNpsSegment =>
  score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export function FeedbackTypeBadge({ type }: { type: TFeedbackType }) {
  return <Badge tone={TYPE_TONES[type]}>{TYPE_LABELS[type]}</Badge>;
}

export function FeedbackStatusBadge({ status }: { status: TFeedbackStatus }) {
  return (
    <Badge tone={STATUS_TONES[status]} dot>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

const SCORE_TONES: Record<TNpsSegment, Tone> = {
  promoter: 'success',
  passive: 'warning',
  detractor: 'danger',
};

export function ScoreBadge({ score }: { score: number }) {
  return <Badge tone={SCORE_TONES[segmentOfScore(score)]}>{score}/10</Badge>;
}

/** NPS as it is read: a sign, one decimal at most; a dash without answers. */
export const formatNps = (nps: number | null) =>
  nps === null ? '—' : `${nps > 0 ? '+' : ''}${Number.isInteger(nps) ? nps : nps.toFixed(1)}`;
