'use client';

import { TEMPLATE_NAMES, TEMPLATE_SCHEMAS, type TemplateName } from '@bytelyst/emails/templates';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import { FormError } from '~/components/kit/form-error';
import { PageHeader } from '~/components/kit/page-header';
import { EmptyState, ErrorState } from '~/components/kit/states';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { type RouterOutputs, trpc } from '~/lib/trpc';
import { ChecksPanel, ClientSupportCard } from './checks-panel';
import styles from './delivery.module.css';
import { EmailFrame, type FrameScheme, type FrameWidth, PlainText } from './email-frame';
import { PropsEditor } from './props-editor';
import { propFields } from './props-fields';
import { SendTestForm } from './send-test-form';
import { Toggle, ViewTabs } from './view-tabs';

type Preview = RouterOutputs['delivery']['previewTemplate'];
type Props = Record<string, unknown>;
type ViewTab = 'html' | 'text' | 'source';

/** Edits re-render once typing pauses; a render takes the API a few milliseconds. */
const RENDER_DEBOUNCE_MS = 400;

const isTemplate = (name: string | null): name is TemplateName =>
  name !== null && (TEMPLATE_NAMES as readonly string[]).includes(name);

/** The chosen template lives in the URL (?template=welcome), so a link opens the same mail. */
function useTemplateParam(): [TemplateName, (name: TemplateName) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const raw = params.get('template');
  const template = isTemplate(raw) ? raw : TEMPLATE_NAMES[0];
  const choose = (name: TemplateName) => {
    const search = new URLSearchParams(params.toString());
    search.set('template', name);
    router.replace(`${pathname}?${search.toString()}`, { scroll: false });
  };
  return [template, choose];
}

export function TemplatesView() {
  const [template, choose] = useTemplateParam();
  const templates = trpc.delivery.listTemplates.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  return (
    <>
      <PageHeader
        title="Email templates"
        description="Every mail the platform sends, rendered by the API with this product's brand. Edit the props to see other cases, check the result, and send yourself a test."
      />
      <div className={styles.workspace}>
        <nav className={`card ${styles.templateNav}`} aria-label="Templates">
          {templates.error ? (
            <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
          ) : (
            <ul className={styles.templateList}>
              {(templates.data?.items ?? []).map((item) => (
                <li key={item.name}>
                  <button
                    type="button"
                    className={styles.templateButton}
                    aria-current={item.name === template ? 'true' : undefined}
                    onClick={() => choose(item.name)}
                  >
                    <span className={styles.templateTitle}>{item.title}</span>
                    <span className="row row-tight row-wrap">
                      <span className="cell-secondary mono">{item.name}</span>
                      {item.transactional ? (
                        <Badge>Transactional</Badge>
                      ) : (
                        <Badge tone="info">Lifecycle</Badge>
                      )}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <TemplateWorkspace
          key={template}
          template={template}
          info={templates.data?.items.find((item) => item.name === template)}
        />
      </div>
    </>
  );
}

function TemplateWorkspace({
  template,
  info,
}: {
  template: TemplateName;
  info: { title: string; description: string } | undefined;
}) {
  const fields = useMemo(() => propFields(TEMPLATE_SCHEMAS[template]), [template]);
  const [draft, setDraft] = useState<Props | null>(null);
  const [shown, setShown] = useState<Preview | null>(null);
  const [width, setWidth] = useState<FrameWidth>('desktop');
  const [scheme, setScheme] = useState<FrameScheme>('light');
  const [tab, setTab] = useState<ViewTab>('html');
  const errors = useFormErrors();
  const settled = useDebouncedValue(draft, RENDER_DEBOUNCE_MS);
  /** The props of the newest request (or of the first fill): an older answer that arrives late is dropped. */
  const latest = useRef<Props | undefined>(undefined);

  const preview = trpc.delivery.previewTemplate.useMutation(
    useMutationFeedback({
      onDone: (data, variables) => {
        if (variables.props !== latest.current) return;
        setShown(data);
        errors.reset();
        if (!variables.props) {
          latest.current = data.props;
          setDraft(data.props);
        }
      },
      form: { fromApi: errors.fromApi },
    }),
  );
  const { mutate: render } = preview;

  // First render: the template's preview props with the product's brand, which then fill the editor.
  useEffect(() => {
    latest.current = undefined;
    render({ template });
  }, [template, render]);

  // Later renders: the editor's props, once typing pauses; the first fill needs no second render.
  useEffect(() => {
    if (!settled || settled === latest.current) return;
    latest.current = settled;
    render({ template, props: settled });
  }, [settled, template, render]);

  const failed = preview.error && !shown;
  return (
    <div className="stack">
      <Card
        titleId="preview-title"
        title={info?.title ?? template}
        subtitle={shown ? `Subject: ${shown.subject}` : (info?.description ?? 'Rendering…')}
        actions={
          <div className="row row-wrap">
            <Toggle
              label="Width"
              options={[
                { id: 'desktop', label: 'Desktop' },
                { id: 'mobile', label: 'Mobile' },
              ]}
              value={width}
              onChange={setWidth}
            />
            <Toggle
              label="Colour scheme"
              options={[
                { id: 'light', label: 'Light' },
                { id: 'dark', label: 'Dark' },
              ]}
              value={scheme}
              onChange={setScheme}
            />
          </div>
        }
      >
        {failed ? (
          <ErrorState error={preview.error} onRetry={() => render({ template })} />
        ) : !shown ? (
          <div className="stack" aria-busy="true">
            <span className={`skeleton ${styles.skeletonLine}`} />
            <span className={`skeleton ${styles.skeletonFrame}`} />
          </div>
        ) : (
          <ViewTabs
            label="Preview format"
            tabs={[
              { id: 'html', label: 'HTML' },
              { id: 'text', label: 'Plain text' },
              { id: 'source', label: 'Source' },
            ]}
            value={tab}
            onChange={setTab}
          >
            {errors.formError ? (
              <p className={styles.staleNote} role="status">
                The props have errors: this is the last render that worked.
              </p>
            ) : null}
            {tab === 'html' ? (
              <EmailFrame
                html={shown.html}
                title={`Preview of ${info?.title ?? template}`}
                width={width}
                scheme={scheme}
              />
            ) : tab === 'text' ? (
              <PlainText text={shown.text} />
            ) : (
              <pre className={`code-block ${styles.source}`}>
                <code>{shown.html}</code>
              </pre>
            )}
          </ViewTabs>
        )}
      </Card>
      <div className={styles.workspaceBelow}>
        <Card
          titleId="props-title"
          title="Props"
          subtitle="What the sender passes; the brand is this product's. Edits re-render as you type."
        >
          {draft ? (
            <div className="stack">
              <FormError message={errors.formError} />
              <PropsEditor
                fields={fields}
                value={draft}
                errors={errors.fields}
                onChange={(next) => setDraft(next)}
              />
            </div>
          ) : failed ? (
            <EmptyState title="No props to edit" />
          ) : (
            <p className="muted" aria-busy="true">
              Loading the preview props…
            </p>
          )}
        </Card>
        <div className="stack">
          <SendTestForm template={template} props={shown?.props} />
          {shown ? <ChecksPanel checks={shown.checks} /> : null}
        </div>
      </div>
      {shown ? <ClientSupportCard gaps={shown.checks.clientSupport} /> : null}
    </div>
  );
}
