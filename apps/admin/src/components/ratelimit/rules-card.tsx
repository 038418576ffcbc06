'use client';

import { MODULE_LIMITS } from '@bytelyst/routers/modules/ratelimit/defaults';
import type { TRateLimitRule } from '@bytelyst/routers/modules/ratelimit/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmRemoveDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { windowLabel } from './ip-rules-list';
import styles from './ratelimit.module.css';
import { RuleDialog } from './rule-dialog';

const COLUMNS: readonly Column[] = [
  { label: 'Rule' },
  { label: 'Applies to' },
  { label: 'Limit' },
  { label: 'Actions', className: 'cell-actions' },
];

const PER: Record<TRateLimitRule['key'], string> = {
  ip: 'per address',
  user: 'per user',
  apiToken: 'per API token',
  product: 'for the product',
};

/** The product's rules, defaults first, and the limits modules keep themselves. */
export function RulesCard({ now }: { now: number }) {
  const rules = trpc.ratelimit.rules.list.useQuery();
  const [editing, setEditing] = useState<TRateLimitRule | null>(null);
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<TRateLimitRule | null>(null);
  const invalidate = (u: ReturnType<typeof trpc.useUtils>) => [u.ratelimit.rules.list.invalidate()];
  const toggle = trpc.ratelimit.rules.update.useMutation(
    useMutationFeedback({ success: (rule) => `${rule.name} is ${rule.enabled ? 'on' : 'off'}.`, invalidate }),
  );
  const remove = trpc.ratelimit.rules.delete.useMutation(
    useMutationFeedback({
      success: (result) => (result.reset ? 'The default rule is back as shipped.' : 'The rule was removed.'),
      onDone: () => setRemoving(null),
      invalidate,
      error: false,
    }),
  );

  return (
    <section className="card" aria-labelledby="rules-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="rules-title">
            Rules
          </h2>
          <p className="card-subtitle">
            Counted in a sliding window on both faces; the tightest rule sets the RateLimit headers.
          </p>
        </div>
        <NewButton label="New rule" onClick={() => setCreating(true)} />
      </div>
      <DataTable
        {...tableStateOf(rules)}
        columns={COLUMNS}
        rows={rules.data?.items ?? []}
        emptyTitle="No rules"
        renderRow={(rule) => {
          const expired = rule.expiresAt !== null && Date.parse(rule.expiresAt) <= now;
          return (
            <tr key={rule.id}>
              <td className="cell-wrap">
                <strong>{rule.name}</strong>{' '}
                {rule.builtIn ? (
                  <Badge tone="info">{rule.customized ? 'Default, changed' : 'Default'}</Badge>
                ) : null}{' '}
                {!rule.enabled ? <Badge>Off</Badge> : null}{' '}
                {expired ? <Badge tone="warning">Ended</Badge> : null}
                {rule.description ? <div className="cell-secondary">{rule.description}</div> : null}
                {rule.expiresAt && !expired ? (
                  <div className="cell-secondary">Ends {formatDateTime(rule.expiresAt)}</div>
                ) : null}
              </td>
              <td>
                <div className={styles.matchList}>
                  {rule.match.map((pattern) => (
                    <code key={pattern}>{pattern}</code>
                  ))}
                </div>
              </td>
              <td className="nowrap">
                {rule.limit.toLocaleString()} per {windowLabel(rule.windowSeconds)}
                <div className="cell-secondary">{PER[rule.key]}</div>
              </td>
              <td className="cell-actions">
                <div className="btn-group">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Edit ${rule.name}`}
                    onClick={() => setEditing(rule)}
                  >
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`${rule.enabled ? 'Turn off' : 'Turn on'} ${rule.name}`}
                    loading={toggle.isPending && toggle.variables?.id === rule.id}
                    onClick={() => toggle.mutate({ id: rule.id, enabled: !rule.enabled })}
                  >
                    {rule.enabled ? 'Turn off' : 'Turn on'}
                  </Button>
                  {!rule.builtIn || rule.customized ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="btn-ghost-danger"
                      aria-label={`${rule.builtIn ? 'Reset' : 'Remove'} ${rule.name}`}
                      onClick={() => setRemoving(rule)}
                    >
                      {rule.builtIn ? 'Reset' : 'Remove'}
                    </Button>
                  ) : null}
                </div>
              </td>
            </tr>
          );
        }}
      >
        <ConfirmRemoveDialog
          target={removing}
          mutation={remove}
          title={removing?.builtIn ? `Reset ${removing.name}?` : `Remove ${removing?.name ?? 'this rule'}?`}
          description={
            removing?.builtIn
              ? 'Your changes go; the rule applies as the platform ships it.'
              : 'Requests it covered are no longer counted by it.'
          }
          confirmLabel={removing?.builtIn ? 'Reset rule' : 'Remove rule'}
          onClose={() => setRemoving(null)}
        />
      </DataTable>
      <div className={styles.note}>
        Also limited inside their modules, in the store so that every instance shares the count (not counted
        again here):
        <ul>
          {MODULE_LIMITS.map((limit) => (
            <li key={limit.operation}>
              <code>{limit.operation}</code>: {limit.limit}; {limit.answer}.
            </li>
          ))}
        </ul>
      </div>
      <RuleDialog
        open={creating || editing !== null}
        rule={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </section>
  );
}
