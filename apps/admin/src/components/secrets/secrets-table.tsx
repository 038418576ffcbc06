'use client';

import type { TSecret } from '@bytelyst/routers/modules/secrets/schema';
import { Fragment, useState } from 'react';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDate, formatShortDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { SecretStatusBadge } from './secret-status';
import styles from './secrets.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Secret' },
  { label: 'Status' },
  { label: 'Version' },
  { label: 'Expires' },
  { label: 'Updated' },
  { label: 'Actions', className: 'cell-actions' },
];

export type SecretAction = 'version' | 'reveal' | 'delete';

/** Every version of a secret, newest first, each with its switch. */
function Versions({ secret }: { secret: TSecret }) {
  const feedback = useMutationFeedback({ invalidate: (u) => [u.secrets.list.invalidate()] });
  const disable = trpc.secrets.disableVersion.useMutation(feedback);
  const enable = trpc.secrets.enableVersion.useMutation(feedback);
  return (
    <ul className={styles.versions} aria-label={`Versions of ${secret.name}`}>
      {secret.versions.map((v) => (
        <li key={v.version} data-version={v.version}>
          <span className="tabular">v{v.version}</span>
          <span className="cell-secondary">
            {formatShortDateTime(v.createdAt)}
            {v.keyId ? ` · key ${v.keyId.slice(0, 8)}` : ''}
          </span>
          <span className={v.enabled ? '' : 'cell-muted'}>{v.enabled ? 'Enabled' : 'Disabled'}</span>
          {secret.status === 'deleted' ? null : (
            <Button
              size="sm"
              disabled={disable.isPending || enable.isPending}
              aria-label={`${v.enabled ? 'Disable' : 'Enable'} version ${v.version} of ${secret.name}`}
              onClick={() =>
                (v.enabled ? disable : enable).mutate({
                  name: secret.name,
                  scope: secret.scope,
                  version: v.version,
                })
              }
            >
              {v.enabled ? 'Disable' : 'Enable'}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Secrets with status, versions and expiry; never a value. */
export function SecretsTable({
  secrets,
  canReveal,
  onAction,
  ...state
}: TableState & {
  secrets: readonly TSecret[];
  canReveal: boolean;
  onAction: (secret: TSecret, action: SecretAction) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const recover = trpc.secrets.recover.useMutation(
    useMutationFeedback({
      success: (secret) => `${secret.name} was recovered.`,
      invalidate: (u) => [u.secrets.list.invalidate()],
    }),
  );
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={secrets}
      emptyTitle="No secrets yet"
      emptyHint="Create one to keep an API key or certificate out of env files."
      renderRow={(secret) => {
        const deleted = secret.status === 'deleted';
        const expanded = open === secret.name;
        return (
          <Fragment key={secret.name}>
            <tr data-secret={secret.name}>
              <td>
                <div className="cell-primary">
                  <code>{secret.name}</code>
                </div>
                {secret.description ? <div className="cell-secondary">{secret.description}</div> : null}
              </td>
              <td>
                <SecretStatusBadge status={secret.status} />
                {deleted && secret.purgeAt ? (
                  <div className="cell-secondary">Purged {formatDate(secret.purgeAt)}</div>
                ) : null}
              </td>
              <td className="tabular">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-expanded={expanded}
                  onClick={() => setOpen(expanded ? null : secret.name)}
                >
                  v{secret.currentVersion} · {secret.versions.length}{' '}
                  {secret.versions.length === 1 ? 'version' : 'versions'}
                </Button>
              </td>
              <td className="cell-muted">{formatDate(secret.expiresAt, 'Never')}</td>
              <td className="cell-muted">{formatShortDateTime(secret.updatedAt)}</td>
              <td className="cell-actions">
                <div className="row" style={{ justifyContent: 'flex-end' }}>
                  {deleted ? (
                    <Button
                      size="sm"
                      disabled={recover.isPending}
                      aria-label={`Recover ${secret.name}`}
                      onClick={() => recover.mutate({ name: secret.name, scope: secret.scope })}
                    >
                      Recover
                    </Button>
                  ) : (
                    <>
                      <Button
                        size="sm"
                        aria-label={`New version of ${secret.name}`}
                        onClick={() => onAction(secret, 'version')}
                      >
                        New version
                      </Button>
                      {canReveal ? (
                        <Button
                          size="sm"
                          aria-label={`Reveal ${secret.name}`}
                          onClick={() => onAction(secret, 'reveal')}
                        >
                          Reveal
                        </Button>
                      ) : null}
                      <Button
                        size="sm"
                        variant="danger"
                        aria-label={`Delete ${secret.name}`}
                        onClick={() => onAction(secret, 'delete')}
                      >
                        Delete
                      </Button>
                    </>
                  )}
                </div>
              </td>
            </tr>
            {expanded ? (
              <tr>
                <td colSpan={COLUMNS.length}>
                  <Versions secret={secret} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        );
      }}
    />
  );
}
