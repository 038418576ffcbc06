'use client';

import type { TNpsSegment } from '@bytelyst/routers/modules/feedback/schema';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Card } from '~/components/kit/card';
import { ErrorState } from '~/components/kit/states';
import { formatDate } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './feedback.module.css';
import { FeedbackHeader } from './feedback-header';
import { NPS_INPUT, NPS_WEEKS } from './feedback-list';
import { formatNps, PLATFORM_LABELS, SEGMENT_COLORS, SEGMENT_LABELS, segmentOfScore } from './labels';

const GRID = '#ececf0';
const AXIS = '#8e8e99';
const TOOLTIP = { borderRadius: 8, border: '1px solid #e6e6ea', fontSize: 12 };
const SEGMENTS: readonly TNpsSegment[] = ['promoter', 'passive', 'detractor'];

export function NpsView() {
  const stats = trpc.feedback.stats.useQuery(NPS_INPUT);
  if (stats.error) {
    return (
      <>
        <FeedbackHeader tab="nps" />
        <div className="card">
          <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
        </div>
      </>
    );
  }
  const data = stats.data;
  const total = data?.total;
  const weeks = (data?.weeks ?? []).map((row) => ({ ...row, label: row.week.slice(5) }));
  const share = (count: number) =>
    total && total.responses > 0 ? `${Math.round((100 * count) / total.responses)} %` : '—';
  const cards = [
    { label: 'NPS', value: total ? formatNps(total.nps) : null, hint: `Last ${NPS_WEEKS} weeks` },
    { label: 'Responses', value: total?.responses.toLocaleString() ?? null, hint: 'NPS answers' },
    { label: 'Promoters', value: total ? share(total.promoters) : null, hint: 'Scores 9–10' },
    { label: 'Passives', value: total ? share(total.passives) : null, hint: 'Scores 7–8' },
    { label: 'Detractors', value: total ? share(total.detractors) : null, hint: 'Scores 0–6' },
  ];
  return (
    <>
      <FeedbackHeader tab="nps" />
      <section className="grid grid-stats" aria-label={`NPS, last ${NPS_WEEKS} weeks`}>
        {cards.map((card) => (
          <div className="card stat" key={card.label}>
            <p className="stat-label">{card.label}</p>
            <p className="stat-value">{card.value ?? <span className="skeleton" />}</p>
            <p className="stat-hint">{card.hint}</p>
          </div>
        ))}
      </section>
      <div className="grid grid-halves">
        <Card titleId="nps-weekly-title" title="NPS per week" subtitle="ISO weeks, UTC; -100 to +100">
          <div className={styles.chartBox} role="img" aria-label="Line chart of the NPS per ISO week">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={weeks} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
                <CartesianGrid vertical={false} stroke={GRID} />
                <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={11} stroke={AXIS} />
                <YAxis
                  domain={[-100, 100]}
                  ticks={[-100, -50, 0, 50, 100]}
                  tickLine={false}
                  axisLine={false}
                  fontSize={11}
                  stroke={AXIS}
                />
                <ReferenceLine y={0} stroke={AXIS} strokeDasharray="3 3" />
                <Tooltip
                  contentStyle={TOOLTIP}
                  formatter={(value, _name, item) => [
                    `${formatNps(typeof value === 'number' ? value : null)} (${(item.payload as { responses: number }).responses} answers)`,
                    'NPS',
                  ]}
                  labelFormatter={(_label, payload) => {
                    const row = payload?.[0]?.payload as { week: string; start: string } | undefined;
                    return row ? `${row.week}, from ${formatDate(row.start)}` : '';
                  }}
                />
                <Line
                  type="monotone"
                  dataKey="nps"
                  name="NPS"
                  stroke="#5b5bd6"
                  strokeWidth={2}
                  dot={{ r: 3 }}
                  connectNulls
                />
              </LineChart>
            </ResponsiveContainer>
            {data && total?.responses === 0 ? (
              <p className={styles.chartEmpty}>No NPS answers in these weeks</p>
            ) : null}
          </div>
        </Card>
        <Card
          titleId="nps-histogram-title"
          title="Score distribution"
          subtitle={`Answers per score, last ${NPS_WEEKS} weeks`}
        >
          <div
            className={styles.chartBox}
            role="img"
            aria-label="Bar chart of NPS answers per score from 0 to 10"
          >
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data?.histogram ?? []} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
                <CartesianGrid vertical={false} stroke={GRID} />
                <XAxis dataKey="score" tickLine={false} axisLine={false} fontSize={11} stroke={AXIS} />
                <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={11} stroke={AXIS} />
                <Tooltip cursor={{ fill: '#f3f3f8' }} contentStyle={TOOLTIP} />
                <Bar dataKey="count" name="Answers" radius={[3, 3, 0, 0]} maxBarSize={28}>
                  {(data?.histogram ?? []).map((bin) => (
                    <Cell key={bin.score} fill={SEGMENT_COLORS[segmentOfScore(bin.score)]} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        </Card>
      </div>
      <Card titleId="nps-platform-title" title="By platform">
        {data && data.byPlatform.length === 0 ? (
          <p className="muted">No answers yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Platform</th>
                  <th scope="col">NPS</th>
                  <th scope="col">Responses</th>
                  <th scope="col">Promoters</th>
                  <th scope="col">Passives</th>
                  <th scope="col">Detractors</th>
                </tr>
              </thead>
              <tbody>
                {(data?.byPlatform ?? []).map((row) => (
                  <tr key={row.platform}>
                    <td className="cell-primary">{PLATFORM_LABELS[row.platform]}</td>
                    <td className="tabular">{formatNps(row.nps)}</td>
                    <td className="tabular">{row.responses}</td>
                    <td className="tabular">{row.promoters}</td>
                    <td className="tabular">{row.passives}</td>
                    <td className="tabular">{row.detractors}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <div className={`grid ${styles.segments}`}>
        {SEGMENTS.map((segment) => {
          const comments = data?.comments[segment] ?? [];
          return (
            <Card
              key={segment}
              titleId={`nps-${segment}-title`}
              title={SEGMENT_LABELS[segment]}
              subtitle="Latest comments"
            >
              {comments.length === 0 ? (
                <p className="muted">No comments.</p>
              ) : (
                <ul className={styles.comments}>
                  {comments.map((comment) => (
                    <li key={comment.id}>
                      <p className={styles.body}>{comment.comment}</p>
                      <div className={styles.commentMeta}>
                        {comment.score}/10 · {PLATFORM_LABELS[comment.platform]} ·{' '}
                        {formatDate(comment.createdAt)}
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          );
        })}
      </div>
    </>
  );
}
