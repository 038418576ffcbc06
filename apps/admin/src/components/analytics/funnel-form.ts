import {
  type TFunnel,
  type TFunnelOrder,
  type TSetFunnelInput,
  type TStepFilter,
  ZSetFunnelInput,
} from '@bytelyst/routers/modules/analytics/schema';
import type { FieldErrors } from '~/lib/api-errors';

/** One step as the editor holds it: numbers as typed, filters carried through untouched. */
export type StepDraft = { key: number; name: string; event: string; nth: string; filters: TStepFilter[] };
export type FunnelDraft = {
  id: string;
  name: string;
  order: TFunnelOrder;
  windowDays: string;
  steps: StepDraft[];
};

let nextKey = 1;
/** A React key for a step row that survives reordering. */
const key = () => nextKey++;

export const draftOf = (funnel: TFunnel): FunnelDraft => ({
  id: funnel.id,
  name: funnel.name,
  order: funnel.order,
  windowDays: String(funnel.windowDays),
  steps: funnel.steps.map((s) => ({
    key: key(),
    name: s.name,
    event: s.event,
    nth: String(s.nth),
    filters: s.filters,
  })),
});

export const emptyStep = (): StepDraft => ({ key: key(), name: '', event: '', nth: '1', filters: [] });

export const newFunnelDraft = (): FunnelDraft => ({
  id: '',
  name: '',
  order: 'ordered',
  windowDays: '14',
  steps: [{ key: key(), name: 'Sign-up', event: '$signup', nth: '1', filters: [] }, emptyStep()],
});

/** A funnel id from its name: lowercase words joined by dashes, as the API's slug rule wants. */
export const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 40);

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** Moves the step at `from` by `by` places (−1 up, +1 down); out of range leaves the list as it is. */
export const moveStep = (steps: readonly StepDraft[], from: number, by: -1 | 1): StepDraft[] => {
  const to = from + by;
  if (to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
};

/** The draft as `analytics.setFunnel` takes it, or the field errors of the server's own schema. */
export const parseFunnelDraft = (
  draft: FunnelDraft,
): { ok: true; input: TSetFunnelInput } | { ok: false; errors: FieldErrors } => {
  const parsed = ZSetFunnelInput.safeParse({
    id: draft.id,
    name: draft.name,
    order: draft.order,
    windowDays: number(draft.windowDays),
    steps: draft.steps.map((s) => ({ name: s.name, event: s.event, nth: number(s.nth), filters: s.filters })),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return { ok: false, errors };
};
