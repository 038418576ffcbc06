'use client';

import { type FormEvent, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { EmptyState } from '~/components/kit/states';
import { errorMessage } from '~/lib/api-errors';
import styles from './account.module.css';
import { fieldsOf } from './errors';
import { useAccountMutation, useAccountQuery } from './providers';
import { QueryBody } from './section';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A typed value as the JSON it looks like (`true`, `12`, `{"a":1}`), else the text itself. */
const parseValue = (text: string): Json => {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
};
const showValue = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The user's own settings in this product (what its apps keep per user), as keys and values. */
export function SettingsSection() {
  const settings = useAccountQuery(['settings'], (trpc) => trpc.settings.getMine.query());
  const patch = useAccountMutation(
    (trpc, values: Record<string, Json>) => trpc.settings.updateMine.mutate({ values }),
    [['settings']],
  );
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    patch.mutate(
      { [key.trim()]: parseValue(value) },
      {
        onSuccess: () => {
          setKey('');
          setValue('');
        },
      },
    );
  };
  const fields = fieldsOf(patch.error);
  return (
    <Card titleId="settings-title" title="Settings" subtitle="Preferences this product's apps keep for you.">
      <QueryBody
        query={settings}
        label="your settings"
        render={({ values }) =>
          Object.keys(values).length === 0 ? (
            <EmptyState title="No settings yet" />
          ) : (
            <ul className={styles.list} aria-label="Your settings">
              {Object.entries(values).map(([name, v]) => (
                <li key={name} className={styles.item}>
                  <span>
                    <strong className="mono">{name}</strong> <span className="mono">{showValue(v)}</span>
                  </span>
                  <Button
                    size="sm"
                    aria-label={`Remove ${name}`}
                    onClick={() => patch.mutate({ [name]: null })}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          )
        }
      />
      <form className={styles.form} onSubmit={save} aria-label="Set a setting" noValidate>
        <FormError
          message={patch.error && Object.keys(fields).length === 0 ? errorMessage(patch.error) : null}
        />
        <TextField
          label="Setting"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          error={fields[`values.${key.trim()}`] ?? fields.values}
          hint="Letters, digits and _ . : -"
        />
        <TextField
          label="Value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          hint="Text, a number, true or false, or JSON"
        />
        <div>
          <Button type="submit" loading={patch.isPending} disabled={!key.trim()}>
            Save setting
          </Button>
        </div>
      </form>
    </Card>
  );
}
