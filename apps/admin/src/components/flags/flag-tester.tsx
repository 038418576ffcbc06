'use client';

import type { TExplainInput, TPlatform } from '@bytelyst/routers/modules/flags/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { formatTimeOfDay, titleCase } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { PLATFORM_LABELS, PLATFORMS } from './flag-form';

const COLUMNS: readonly Column[] = [
  { label: 'Flag' },
  { label: 'Value' },
  { label: 'Decided by' },
  { label: 'Bucket' },
];
const EMPTY = { userId: '', deviceId: '', platform: '' as TPlatform | '', appVersion: '' };

const inputOf = (form: typeof EMPTY): TExplainInput => ({
  ...(form.userId.trim() ? { userId: form.userId.trim() } : {}),
  ...(form.deviceId.trim() ? { deviceId: form.deviceId.trim() } : {}),
  ...(form.platform ? { platform: form.platform } : {}),
  ...(form.appVersion.trim() ? { appVersion: form.appVersion.trim() } : {}),
});

/** What a client with these facts would get, flag by flag, and the rule that decided each. */
export function FlagTester() {
  const [form, setForm] = useState(EMPTY);
  const [asked, setAsked] = useState<TExplainInput | null>(null);
  const explain = trpc.flags.explain.useQuery(asked ?? {}, { enabled: asked !== null });
  const set = (key: keyof typeof EMPTY, value: string) => setForm((f) => ({ ...f, [key]: value }));

  return (
    <Card
      titleId="flag-tester-title"
      title="Try it"
      subtitle="Evaluate every flag for a user or device, as the client evaluate call would, and see which rule decided."
    >
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          setAsked(inputOf(form));
          if (asked) void explain.refetch();
        }}
      >
        <div className="filters">
          <TextField label="User id" value={form.userId} onChange={(e) => set('userId', e.target.value)} />
          <TextField
            label="Device id"
            value={form.deviceId}
            placeholder="Used without a user id"
            onChange={(e) => set('deviceId', e.target.value)}
          />
          <SelectField
            label="Platform"
            value={form.platform}
            options={[
              { value: '', label: 'Not sent' },
              ...PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] })),
            ]}
            onChange={(e) => set('platform', e.target.value)}
          />
          <TextField
            label="App version"
            value={form.appVersion}
            placeholder="2.4.1"
            onChange={(e) => set('appVersion', e.target.value)}
          />
          <Button type="submit" variant="primary" loading={explain.isFetching}>
            Evaluate
          </Button>
        </div>
        {asked ? (
          <section aria-label="Evaluation result" className="stack-tight">
            <DataTable
              {...tableStateOf(explain)}
              columns={COLUMNS}
              rows={explain.data?.items ?? []}
              emptyTitle="This product has no flags"
              renderRow={(item) => (
                <tr key={item.key}>
                  <td>
                    <code className="cell-primary">{item.key}</code>
                  </td>
                  <td>
                    <Badge tone={item.value ? 'success' : 'neutral'} dot={item.value}>
                      {item.value ? 'On' : 'Off'}
                    </Badge>
                  </td>
                  <td>
                    <div className="stack-tight">
                      <span>{titleCase(item.rule)}</span>
                      <span className="cell-secondary">{item.explanation}</span>
                    </div>
                  </td>
                  <td className="tabular">
                    <div className="stack-tight">
                      <span>{item.bucket === null ? '—' : item.bucket.toLocaleString()}</span>
                      <span className="cell-secondary">
                        {item.threshold >= 10_000
                          ? 'Rollout covers every bucket'
                          : `Rollout covers buckets below ${item.threshold.toLocaleString()}`}
                      </span>
                    </div>
                  </td>
                </tr>
              )}
            />
            {explain.data ? (
              <span className="cell-secondary">Evaluated at {formatTimeOfDay(explain.data.evaluatedAt)}</span>
            ) : null}
          </section>
        ) : null}
      </form>
    </Card>
  );
}
