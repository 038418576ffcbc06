'use client';

import {
  CHANGELOG_CATEGORIES,
  CHANGELOG_PLATFORMS,
  type TChangelogCategory,
  type TChangelogEntry,
  type TChangelogPlatform,
  ZChangelogVersion,
} from '@bytelyst/routers/modules/changelog/schema';
import { useEffect, useState } from 'react';
import { Button } from '~/components/kit/button';
import { SelectField, TextAreaField, TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useFormValues } from '~/hooks/use-form-values';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import type { FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from './changelog.module.css';
import { CATEGORY_LABELS, PLATFORM_LABELS } from './labels';

/** `2026-03-20T09:00` in the browser's zone -> ISO; null when empty or incomplete. */
const isoOf = (local: string): string | null => {
  if (!local) return null;
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

const PREVIEW_DELAY_MS = 300;

type Props = { entry: TChangelogEntry | null; onClose: () => void };

/**
 * Writes an entry: Markdown beside the server's rendering of it (the preview procedure, the same renderer and
 * sanitiser clients get), then saves a draft, publishes now or schedules, optionally announcing to a segment.
 */
export function EntryEditor({ entry, onClose }: Props) {
  const { values, set, fields, formError, check, fromApi } = useFormValues({
    version: entry?.version ?? '',
    title: entry?.title ?? '',
    body: entry?.body ?? '',
    category: (entry?.category ?? 'feature') as TChangelogCategory,
    platforms: (entry?.platforms ?? ['ios', 'android', 'desktop', 'web']) as TChangelogPlatform[],
    at: '',
    announce: false,
  });
  const [html, setHtml] = useState(entry?.html ?? '');
  const preview = trpc.changelog.preview.useMutation();
  const { mutate: render } = preview;
  useEffect(() => {
    const timer = setTimeout(
      () => render({ body: values.body }, { onSuccess: (r) => setHtml(r.html) }),
      PREVIEW_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [values.body, render]);

  const feedback = { invalidate: (u: TrpcUtils) => [u.changelog.invalidate()], form: { fromApi } };
  const publish = trpc.changelog.publish.useMutation(
    useMutationFeedback({
      success: (e) => (e.state === 'scheduled' ? `${e.version} is scheduled.` : `${e.version} is published.`),
      onDone: onClose,
      ...feedback,
    }),
  );
  const create = trpc.changelog.create.useMutation(useMutationFeedback({ ...feedback, error: false }));
  const update = trpc.changelog.update.useMutation(useMutationFeedback({ ...feedback, error: false }));
  const pending = create.isPending || update.isPending || publish.isPending;

  const validate = (): boolean => {
    const errors: FieldErrors = {};
    if (!ZChangelogVersion.safeParse(values.version).success)
      errors.version = 'A semantic version such as 2.4.0';
    if (!values.title.trim()) errors.title = 'Give the entry a title';
    if (values.platforms.length === 0) errors.platforms = 'Pick at least one platform';
    if (values.at && !isoOf(values.at)) errors.at = 'Pick a date and time';
    return check(errors);
  };
  const save = async (): Promise<TChangelogEntry | null> => {
    const input = {
      version: values.version.trim(),
      title: values.title.trim(),
      body: values.body,
      category: values.category,
      platforms: values.platforms,
    };
    try {
      return entry ? await update.mutateAsync({ id: entry.id, ...input }) : await create.mutateAsync(input);
    } catch {
      return null; // the form shows the server's field errors
    }
  };
  const saveDraft = async () => {
    if (validate() && (await save())) onClose();
  };
  const saveAndPublish = async () => {
    if (!validate()) return;
    const saved = await save();
    if (!saved) return;
    const at = isoOf(values.at);
    publish.mutate({
      id: saved.id,
      ...(at ? { at } : {}),
      ...(values.announce ? { announce: {} } : {}),
    });
  };
  const toggle = (platform: TChangelogPlatform, on: boolean) =>
    set('platforms', on ? [...values.platforms, platform] : values.platforms.filter((p) => p !== platform));
  const published = entry?.state === 'published';

  return (
    <section className="card" aria-labelledby="editor-title">
      <div className="card-header">
        <h2 className="card-title" id="editor-title">
          {entry ? `Edit ${entry.version}` : 'New entry'}
        </h2>
      </div>
      <div className="card-body stack">
        <FormError message={formError} />
        <div className="grid grid-halves">
          <TextField
            label="Version"
            value={values.version}
            placeholder="2.4.0"
            disabled={published}
            hint={published ? 'A published entry keeps its version' : undefined}
            onChange={(event) => set('version', event.target.value)}
            error={fields.version}
          />
          <SelectField
            label="Category"
            value={values.category}
            options={CHANGELOG_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
            onChange={(event) => set('category', event.target.value as TChangelogCategory)}
          />
        </div>
        <TextField
          label="Title"
          value={values.title}
          maxLength={160}
          onChange={(event) => set('title', event.target.value)}
          error={fields.title}
        />
        <fieldset className="field-group">
          <legend className="field-group-legend">Platforms</legend>
          <div className={styles.checkboxes}>
            {CHANGELOG_PLATFORMS.map((platform) => (
              <label key={platform} className="checkbox-row">
                <input
                  type="checkbox"
                  checked={values.platforms.includes(platform)}
                  onChange={(event) => toggle(platform, event.target.checked)}
                />
                {PLATFORM_LABELS[platform]}
              </label>
            ))}
          </div>
          {fields.platforms ? <p className="field-error">{fields.platforms}</p> : null}
        </fieldset>
        <div className={styles.editor}>
          <TextAreaField
            label="Notes (Markdown)"
            className={styles.markdown}
            value={values.body}
            rows={14}
            onChange={(event) => set('body', event.target.value)}
            error={fields.body}
          />
          <div>
            <div className="field-label" id="preview-label">
              Preview {preview.isPending ? '(updating…)' : ''}
            </div>
            {/* The API's sanitised rendering (changelog/render.ts), the HTML clients get. */}
            <section
              className={styles.preview}
              aria-labelledby="preview-label"
              dangerouslySetInnerHTML={{ __html: html }}
            />
          </div>
        </div>
        {!published ? (
          <div className="grid grid-halves">
            <TextField
              label="Publish at (optional)"
              type="datetime-local"
              hint="Empty publishes now; a future time schedules it"
              value={values.at}
              onChange={(event) => set('at', event.target.value)}
              error={fields.at}
            />
            <label className="checkbox-row">
              <input
                type="checkbox"
                checked={values.announce}
                onChange={(event) => set('announce', event.target.checked)}
              />
              Announce to every user with a push-capable device (push and email)
            </label>
          </div>
        ) : null}
        <div className={styles.formActions}>
          {!published ? (
            <Button variant="primary" loading={pending} onClick={() => void saveAndPublish()}>
              {values.at ? 'Schedule' : 'Publish'}
            </Button>
          ) : null}
          <Button loading={pending} onClick={() => void saveDraft()}>
            {published ? 'Save' : 'Save draft'}
          </Button>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </div>
    </section>
  );
}
