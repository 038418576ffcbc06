'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { TextField } from '~/components/kit/field';
import { JsonBlock } from '~/components/kit/json-block';
import { ErrorState } from '~/components/kit/states';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';

/** Support lookup: a user's own settings and their devices', read-only. */
export function UserSettingsCard() {
  const [userId, setUserId] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const detail = trpc.settings.get.useQuery({ userId: asked ?? '' }, { enabled: asked !== null });

  return (
    <Card
      titleId="user-settings-title"
      title="User settings"
      subtitle="What a user (and each of their devices) has stored, by user id."
    >
      <div className="stack">
        <form
          className="filters"
          onSubmit={(event) => {
            event.preventDefault();
            if (userId.trim()) setAsked(userId.trim());
          }}
        >
          <TextField
            className="field-grow"
            label="User id"
            value={userId}
            onChange={(event) => setUserId(event.target.value)}
          />
          <Button type="submit" loading={detail.isFetching} disabled={!userId.trim()}>
            Look up
          </Button>
        </form>
        {detail.error ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
        {detail.data ? (
          <div className="stack">
            <div className="stack-tight">
              <strong>Account</strong>
              <span className="cell-secondary">
                Updated {formatDateTime(detail.data.user.updatedAt, 'never')}
              </span>
              <JsonBlock value={detail.data.user.values} />
            </div>
            {detail.data.devices.length === 0 ? (
              <span className="muted">No device settings.</span>
            ) : (
              detail.data.devices.map((device) => (
                <div className="stack-tight" key={device.deviceId}>
                  <strong>
                    Device <code>{device.deviceId}</code>
                  </strong>
                  <span className="cell-secondary">Updated {formatDateTime(device.updatedAt, 'never')}</span>
                  <JsonBlock value={device.values} />
                </div>
              ))
            )}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
