'use client';

import { type TFunnel, type TFunnelOrder, VIRTUAL_EVENTS } from '@bytelyst/routers/modules/analytics/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { Icon } from '~/components/kit/icon';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import styles from './analytics.module.css';
import { StepFilters } from './funnel-filters';
import {
  draftOf,
  emptyStep,
  type FunnelDraft,
  moveStep,
  newFunnelDraft,
  parseFunnelDraft,
  type StepDraft,
  slugOf,
} from './funnel-form';

const ORDERS: readonly { value: TFunnelOrder; label: string }[] = [
  { value: 'ordered', label: 'Ordered: other events may come between steps' },
  { value: 'strict', label: 'Strict: no other event between steps' },
  { value: 'unordered', label: 'Unordered: steps in any order' },
];

const MAX_STEPS = 10;

/**
 * Edits a funnel's steps (add, remove, reorder, event names, occurrences and property filters), its order and
 * window, and saves it with `analytics.setFunnel`; `funnel` null creates a new one. The
 * parent mounts it afresh (a new `key`) for each opening, so every edit starts from the saved funnel.
 */
export function FunnelEditor({
  open,
  funnel,
  knownEvents,
  onClose,
  onSaved,
}: {
  open: boolean;
  funnel: TFunnel | null;
  /** Event names the product's definitions mention, offered as suggestions. */
  knownEvents: readonly string[];
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const creating = funnel === null;
  const [draft, setDraft] = useState<FunnelDraft>(() => (funnel ? draftOf(funnel) : newFunnelDraft()));
  const form = useFormErrors();

  const save = trpc.analytics.setFunnel.useMutation(
    useMutationFeedback({
      success: (_defs, input) =>
        `Funnel “${input.name}” saved. Recompute the range to count it with these steps.`,
      invalidate: (u) => [u.analytics.getDefinitions.invalidate(), u.analytics.getFunnel.invalidate()],
      onDone: (_defs, input) => onSaved(input.id),
      form,
    }),
  );

  const setStep = (index: number, change: Partial<StepDraft>) =>
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) }));
  const submit = () => {
    const parsed = parseFunnelDraft(draft);
    if (!form.check(parsed.ok ? {} : parsed.errors) || !parsed.ok) return;
    save.mutate(parsed.input);
  };
  const err = (path: string) => form.fields[path];
  const listId = 'analytics-funnel-events';

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={creating ? 'New funnel' : `Edit funnel “${funnel.name}”`}
      description="Steps are event names (or a prefix ending in *), $signup or $subscription, each optionally filtered on the event’s properties. Rollups made before a change are left out until the range is recomputed."
      formError={form.formError ?? err('steps') ?? null}
      submitLabel="Save funnel"
      pending={save.isPending}
      onSubmit={submit}
    >
      <div className={styles.editorRow}>
        <TextField
          label="Funnel name"
          value={draft.name}
          error={err('name')}
          onChange={(event) => {
            const name = event.target.value;
            setDraft((d) => ({ ...d, name, ...(creating ? { id: slugOf(name) } : {}) }));
          }}
        />
        <TextField
          label="Window (days)"
          type="number"
          min={1}
          max={90}
          value={draft.windowDays}
          error={err('windowDays')}
          onChange={(event) => setDraft((d) => ({ ...d, windowDays: event.target.value }))}
        />
        {creating ? (
          <TextField
            label="Funnel ID"
            value={draft.id}
            error={err('id')}
            onChange={(event) => setDraft((d) => ({ ...d, id: event.target.value }))}
          />
        ) : (
          <TextField label="Funnel ID" value={draft.id} readOnly />
        )}
      </div>
      <SelectField
        label="Order"
        value={draft.order}
        options={ORDERS}
        onChange={(event) => setDraft((d) => ({ ...d, order: event.target.value as TFunnelOrder }))}
      />
      <datalist id={listId}>
        {knownEvents.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <ol className={styles.steps} aria-label="Steps">
        {draft.steps.map((step, i) => {
          const n = i + 1;
          return (
            <li key={step.key}>
              <fieldset className={styles.step}>
                <legend className="visually-hidden">{`Step ${n}`}</legend>
                <span className={styles.stepIndex} aria-hidden="true">
                  {n}
                </span>
                <TextField
                  label="Step name"
                  value={step.name}
                  error={err(`steps.${i}.name`)}
                  onChange={(event) => setStep(i, { name: event.target.value })}
                />
                <TextField
                  label="Event"
                  list={listId}
                  spellCheck={false}
                  value={step.event}
                  error={err(`steps.${i}.event`)}
                  onChange={(event) => setStep(i, { event: event.target.value })}
                />
                <TextField
                  label="Occurrence"
                  type="number"
                  min={1}
                  max={100}
                  value={step.nth}
                  error={err(`steps.${i}.nth`)}
                  onChange={(event) => setStep(i, { nth: event.target.value })}
                />
                <div className={styles.stepButtons}>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Move step ${n} up`}
                    disabled={i === 0}
                    onClick={() => setDraft((d) => ({ ...d, steps: moveStep(d.steps, i, -1) }))}
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Move step ${n} down`}
                    disabled={i === draft.steps.length - 1}
                    onClick={() => setDraft((d) => ({ ...d, steps: moveStep(d.steps, i, 1) }))}
                  >
                    ↓
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Remove step ${n}`}
                    disabled={draft.steps.length <= 2}
                    onClick={() => setDraft((d) => ({ ...d, steps: d.steps.filter((_, k) => k !== i) }))}
                  >
                    <Icon name="trash" size={14} />
                  </Button>
                </div>
                <StepFilters
                  step={n}
                  filters={step.filters}
                  error={(field) => err(`steps.${i}.${field}`)}
                  onChange={(filters) => setStep(i, { filters })}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div>
        <Button
          size="sm"
          disabled={draft.steps.length >= MAX_STEPS}
          onClick={() => setDraft((d) => ({ ...d, steps: [...d.steps, emptyStep()] }))}
        >
          <Icon name="plus" size={14} /> Add step
        </Button>
      </div>
    </FormDialog>
  );
}

/** Suggestions for the event field: the built-in events and every event the definitions name. */
export const knownEventsOf = (defs: { features: { events: string[] }[]; funnels: TFunnel[] } | undefined) =>
  [
    ...new Set([
      ...VIRTUAL_EVENTS,
      ...(defs?.funnels.flatMap((f) => f.steps.map((s) => s.event)) ?? []),
      ...(defs?.features.flatMap((f) => f.events) ?? []),
    ]),
  ].sort();
