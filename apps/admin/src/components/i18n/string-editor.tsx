'use client';

import type { TArgsWarning } from '@bytelyst/routers/modules/i18n/schema';
import { useEffect, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { SelectField, TextAreaField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage, fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from './i18n.module.css';
import { STATUS_LABELS } from './labels';

export type EditTarget = {
  key: string;
  locale: string;
  message: string;
  status: 'draft' | 'translated' | 'reviewed';
  source: string | null;
  description: string | null;
};

const STATUS_OPTIONS = (['draft', 'translated', 'reviewed'] as const).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

/** Sample arguments as JSON; the preview's defaults fill what it leaves out. */
const parseArgs = (text: string): Record<string, string | number> | string => {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'Expected a JSON object';
    const out: Record<string, string | number> = {};
    for (const [name, v] of Object.entries(value)) {
      if (typeof v !== 'string' && typeof v !== 'number') return `${name}: expected a string or a number`;
      out[name] = v;
    }
    return out;
  } catch (error) {
    return errorMessage(error);
  }
};

/** One string of one locale: ICU checked and previewed as it is typed, saved with its status. */
export function StringEditor({ target, onClose }: { target: EditTarget; onClose: () => void }) {
  const [message, setMessage] = useState(target.message);
  const [status, setStatus] = useState(target.status);
  const [argsText, setArgsText] = useState('');
  const [warnings, setWarnings] = useState<TArgsWarning[]>([]);
  const preview = trpc.i18n.preview.useMutation();
  const debounced = useDebouncedValue(message, 250);
  const args = parseArgs(argsText);
  const argsKey = typeof args === 'string' ? null : JSON.stringify(args);
  const runPreview = preview.mutate;
  useEffect(() => {
    if (argsKey === null) return;
    runPreview({ message: debounced, locale: target.locale, args: JSON.parse(argsKey) });
  }, [debounced, argsKey, target.locale, runPreview]);

  const save = trpc.i18n.setString.useMutation(
    useMutationFeedback({
      success: (data) => `${data.translation.key} (${data.translation.locale}) is saved.`,
      invalidate: (u) => [u.i18n.invalidate()],
      onDone: (data) => {
        setWarnings(data.warnings);
        if (data.warnings.length === 0) onClose();
      },
      error: false,
    }),
  );
  const serverError = save.error ? (fieldErrorsOf(save.error).message ?? errorMessage(save.error)) : null;
  const result = preview.data;
  const invalid = result && !result.ok && debounced === message ? result.error : null;

  return (
    <Card
      titleId="string-editor-title"
      title={`${target.key} · ${target.locale}`}
      subtitle={
        target.description ?? 'ICU MessageFormat: {name}, {count, plural, one {# item} other {# items}}'
      }
      actions={
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      }
    >
      <div className={styles.editor}>
        <div className="stack">
          {target.source !== null ? (
            <div>
              <div className="field-label">Source</div>
              <div className={`${styles.preview} ${styles.code}`}>{target.source}</div>
            </div>
          ) : null}
          <TextAreaField
            label="Message"
            className={styles.code}
            rows={4}
            value={message}
            error={invalid ? `Invalid ICU message: ${invalid}` : (serverError ?? undefined)}
            onChange={(event) => setMessage(event.target.value)}
          />
          <SelectField
            label="Status"
            options={STATUS_OPTIONS}
            value={status}
            onChange={(event) => setStatus(event.target.value as EditTarget['status'])}
          />
          {warnings.map((warning) => (
            <p key={warning.key} className="field-error" role="status">
              Saved with a warning: {warning.message}.
            </p>
          ))}
          <div className="btn-group">
            <Button
              variant="primary"
              loading={save.isPending}
              onClick={() => save.mutate({ key: target.key, locale: target.locale, message, status })}
            >
              Save
            </Button>
          </div>
        </div>
        <div className="stack">
          <TextAreaField
            label="Sample arguments (JSON)"
            className={styles.code}
            rows={4}
            value={argsText}
            placeholder={result?.ok ? JSON.stringify(result.samples) : '{}'}
            error={typeof args === 'string' ? args : undefined}
            hint="Values for the message's arguments; the ones left out get defaults."
            onChange={(event) => setArgsText(event.target.value)}
          />
          <div>
            <div className="field-label">Preview</div>
            <output className={styles.preview} aria-label="Preview">
              {result?.ok ? result.formatted : ''}
            </output>
          </div>
          {result?.ok && result.args.length > 0 ? (
            <p className="muted">Arguments: {result.args.map((a) => `{${a}}`).join(', ')}</p>
          ) : null}
          <FormError message={preview.error ? errorMessage(preview.error) : null} />
        </div>
      </div>
    </Card>
  );
}
