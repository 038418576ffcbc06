'use client';

import { DEFAULT_THEME, type ThemeTokens } from '@bytelyst/design-tokens';
import type { TTheme } from '@bytelyst/routers/modules/themes/schema';
import { useEffect, useMemo, useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { PageHeader } from '~/components/kit/page-header';
import { ErrorState } from '~/components/kit/states';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage, fieldErrorsOf } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { ContrastChecks } from './contrast-checks';
import { ThemeDownloads } from './theme-downloads';
import { ThemePreview } from './theme-preview';
import { ThemeVersions } from './theme-versions';
import styles from './themes.module.css';
import { TokenEditor } from './token-editor';
import { checkForm, effectiveTokens, formErrorsFromApi, formOf, type TokenForm } from './token-form';

/** /themes: the product's token editor beside a live preview, contrast checks, publishing and history. */
export function ThemesView() {
  const theme = trpc.themes.get.useQuery();
  if (theme.error) return <ErrorState error={theme.error} onRetry={() => theme.refetch()} />;
  return (
    <>
      <PageHeader
        title="Themes"
        description="The product's design tokens for light and dark. Clients fetch the published version on launch (GET /v1/themes/current); mail and this console use it too."
      />
      {theme.data ? <Editor key={theme.data.draftUpdatedAt ?? 'default'} theme={theme.data} /> : null}
    </>
  );
}

function Editor({ theme }: { theme: TTheme }) {
  const saved = theme.draft as ThemeTokens;
  const [form, setForm] = useState<TokenForm>(() => formOf(saved));
  const [apiErrors, setApiErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const checked = useMemo(() => checkForm(form), [form]);
  const shown = useMemo(() => effectiveTokens(form, saved), [form, saved]);
  const dirty = useMemo(() => JSON.stringify(formOf(saved)) !== JSON.stringify(form), [form, saved]);
  useEffect(() => setApiErrors({}), [form]);

  const failed = (error: unknown) => {
    setApiErrors(formErrorsFromApi(fieldErrorsOf(error)));
    setFormError(errorMessage(error));
  };
  const invalidate = (u: ReturnType<typeof trpc.useUtils>) => [u.themes.invalidate()];
  const setDraft = trpc.themes.setDraft.useMutation(
    useMutationFeedback({ success: 'The draft is saved.', invalidate, error: false, onFailed: failed }),
  );
  const publish = trpc.themes.publish.useMutation(
    useMutationFeedback({
      success: (t) => `Version ${t.publishedVersion} is published.`,
      invalidate,
      onDone: () => setConfirming(false),
      error: false,
      onFailed: (error) => {
        setConfirming(false);
        failed(error);
      },
    }),
  );

  const save = async () => {
    setFormError(null);
    if (!checked.tokens) {
      setFormError('Some tokens are not valid; see the marked fields.');
      return false;
    }
    if (!dirty) return true;
    try {
      await setDraft.mutateAsync({ tokens: checked.tokens });
      return true;
    } catch {
      return false;
    }
  };
  const publishNow = async () => {
    if (!(await save())) {
      setConfirming(false);
      return;
    }
    publish.mutate(note.trim() ? { note: note.trim() } : {});
  };
  const errors = { ...checked.errors, ...apiErrors };
  const next = (theme.publishedVersion ?? 0) + 1;

  return (
    <div className="stack">
      <section className="card" aria-labelledby="theme-state">
        <div className="card-header">
          <div>
            <h2 className="card-title" id="theme-state">
              {theme.publishedVersion ? `Live: version ${theme.publishedVersion}` : 'Nothing published yet'}
            </h2>
            <p className="card-subtitle">
              {theme.publishedAt
                ? `Published ${formatDateTime(theme.publishedAt)}. Draft ${dirty || theme.hasUnpublishedChanges ? 'has changes' : 'matches it'}.`
                : 'Clients get the default theme (version 0) until the first publish.'}
            </p>
          </div>
          <div className={styles.actions}>
            {dirty ? <Badge tone="warning">Unsaved</Badge> : null}
            <Button onClick={() => setForm(formOf(DEFAULT_THEME))}>Reset to defaults</Button>
            <Button disabled={!dirty} onClick={() => setForm(formOf(saved))}>
              Discard changes
            </Button>
            <Button loading={setDraft.isPending} disabled={!dirty} onClick={() => void save()}>
              Save draft
            </Button>
            <Button variant="primary" onClick={() => setConfirming(true)}>
              Publish…
            </Button>
          </div>
        </div>
        {formError ? (
          <div className="card-body">
            <FormError message={formError} />
          </div>
        ) : null}
      </section>
      <div className={styles.workspace}>
        <Card titleId="theme-tokens" title="Tokens" className={styles.editorCard}>
          <TokenEditor
            form={form}
            errors={errors}
            onValue={(path, value) => setForm((f) => ({ ...f, [path]: value }))}
          />
        </Card>
        <div className={styles.side}>
          <Card
            titleId="theme-preview"
            title="Preview"
            subtitle="Sample components in light and dark, as you type."
          >
            <ThemePreview tokens={shown} />
          </Card>
          <Card titleId="theme-contrast" title="Contrast (WCAG AA)">
            <ContrastChecks tokens={shown} />
          </Card>
          <Card
            titleId="theme-downloads"
            title="Downloads"
            subtitle="Generated CSS custom properties, TypeScript, Kotlin (Compose) and Swift (SwiftUI)."
          >
            <ThemeDownloads hasPublished={theme.publishedVersion !== null} />
          </Card>
        </div>
      </div>
      <ThemeVersions current={theme.publishedVersion} />
      <ConfirmDialog
        open={confirming}
        variant="primary"
        title={`Publish version ${next}?`}
        description="Clients get it on their next launch (their cached copy revalidates within a minute); mail and this console switch to it."
        confirmLabel={`Publish version ${next}`}
        pending={setDraft.isPending || publish.isPending}
        onConfirm={() => void publishNow()}
        onClose={() => setConfirming(false)}
      >
        <TextField
          label="Note"
          placeholder="What changed"
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </ConfirmDialog>
    </div>
  );
}
