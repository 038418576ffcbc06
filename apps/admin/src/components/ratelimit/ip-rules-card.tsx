'use client';

import type { TIpRule } from '@bytelyst/routers/modules/ratelimit/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmRemoveDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { IP_RULES_LIST, type IpRuleFilters, ipRulesListInput } from './ip-rules-list';
import styles from './ratelimit.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Address' },
  { label: 'Action' },
  { label: 'Reason' },
  { label: 'Added' },
  { label: 'Expires' },
  { label: 'Actions', className: 'cell-actions' },
];

/** Allow and deny rules, newest first, filtered by action or address. */
export function IpRulesCard({ now, onAdd }: { now: number; onAdd: () => void }) {
  const { filters, query, changeFilters, clearFilters, isFiltered, pager, page } =
    useListState(IP_RULES_LIST);
  const list = trpc.ratelimit.ipRules.list.useQuery(ipRulesListInput(query, page), KEEP_PREVIOUS);
  const [removing, setRemoving] = useState<TIpRule | null>(null);
  const remove = trpc.ratelimit.ipRules.delete.useMutation(
    useMutationFeedback({
      success: 'The IP rule was removed.',
      onDone: () => setRemoving(null),
      invalidate: (u) => [u.ratelimit.ipRules.list.invalidate()],
      error: false,
    }),
  );
  const set = <Key extends keyof IpRuleFilters>(key: Key, value: IpRuleFilters[Key]) =>
    changeFilters({ ...filters, [key]: value });
  const filtered = isFiltered(['action', 'search']);

  return (
    <section className="card" aria-labelledby="ip-rules-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="ip-rules-title">
            IP rules
          </h2>
          <p className="card-subtitle">
            Deny: 403 before sign-in. Allow: no rate limits. The most specific rule wins.
          </p>
        </div>
        <Button onClick={onAdd}>Add IP rule</Button>
      </div>
      <search className={styles.cardFilters}>
        <TextField
          label="Address starts with"
          type="search"
          placeholder="203.0.113."
          value={filters.search}
          onChange={(event) => set('search', event.target.value)}
        />
        <SelectField
          label="Action"
          value={filters.action}
          options={[
            { value: '', label: 'Allow and deny' },
            { value: 'deny', label: 'Deny' },
            { value: 'allow', label: 'Allow' },
          ]}
          onChange={(event) => set('action', event.target.value as IpRuleFilters['action'])}
        />
        {filtered ? (
          <Button variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </search>
      <DataTable
        {...tableStateOf(list)}
        columns={COLUMNS}
        rows={list.data?.items ?? []}
        emptyTitle={filtered ? 'No IP rule matches' : 'No IP rules'}
        emptyHint={
          filtered ? undefined : 'Block an address from the offenders above, or add a rule for a range.'
        }
        renderRow={(rule) => {
          const expired = rule.expiresAt !== null && Date.parse(rule.expiresAt) <= now;
          return (
            <tr key={rule.id}>
              <td className="mono">{rule.cidr}</td>
              <td>
                <Badge tone={rule.action === 'deny' ? 'danger' : 'success'} dot>
                  {rule.action === 'deny' ? 'Deny' : 'Allow'}
                </Badge>
              </td>
              <td className="cell-wrap cell-muted">
                {rule.reason}
                <div className="cell-secondary">by {rule.createdByEmail ?? rule.createdBy}</div>
              </td>
              <td className="cell-muted nowrap" title={formatDateTime(rule.createdAt)}>
                {formatRelative(rule.createdAt, now)}
              </td>
              <td className="nowrap" title={rule.expiresAt ? formatDateTime(rule.expiresAt) : undefined}>
                {rule.expiresAt === null ? (
                  <span className="cell-muted">Never</span>
                ) : expired ? (
                  <Badge tone="warning">Expired</Badge>
                ) : (
                  formatRelative(rule.expiresAt, now)
                )}
              </td>
              <td className="cell-actions">
                <Button
                  size="sm"
                  variant="ghost"
                  className="btn-ghost-danger"
                  aria-label={`Remove the rule for ${rule.cidr}`}
                  onClick={() => setRemoving(rule)}
                >
                  Remove
                </Button>
              </td>
            </tr>
          );
        }}
      >
        <ConfirmRemoveDialog
          target={removing}
          mutation={remove}
          title={`Remove the rule for ${removing?.cidr ?? 'this address'}?`}
          description={
            removing?.action === 'deny'
              ? 'Requests from it are accepted again within seconds on every instance.'
              : 'Requests from it are rate-limited again.'
          }
          confirmLabel="Remove rule"
          onClose={() => setRemoving(null)}
        />
      </DataTable>
      <Pager pager={pager} data={list.data} noun="rules" />
    </section>
  );
}
