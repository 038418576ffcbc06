import {
  type TFunnel,
  type TFunnelOrder,
  type TSetFunnelInput,
  type TStepFilter,
  ZSetFunnelInput,
} from '@bytelyst/routers/modules/analytics/schema';
import type { FieldErrors } from '~/lib/api-errors';

type TFilterOperator = TStepFilter['operator'];
type TFilterValue = TStepFilter['value'];

/**
 * One property filter as the editor holds it: the value as typed, and the value it was loaded with (a filter saved
 * through the API may compare with a number or a boolean, which a text field cannot tell from a string).
 */
export type FilterDraft = {
  key: number;
  property: string;
  operator: TFilterOperator;
  value: string;
  loaded: TFilterValue;
};
/** One step as the editor holds it: numbers and filter values as typed. */
export type StepDraft = { key: number; name: string; event: string; nth: string; filters: FilterDraft[] };
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
    filters: s.filters.map((f) => ({
      key: key(),
      property: f.property,
      operator: f.operator,
      value: f.value === undefined ? '' : String(f.value),
      loaded: f.value,
    })),
  })),
});

export const emptyFilter = (): FilterDraft => ({
  key: key(),
  property: '',
  operator: 'eq',
  value: '',
  loaded: undefined,
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

/**
 * The value a filter compares with, typed as the engine compares (strictly): none for `exists`, a number for `gt`
 * and `lt`, the loaded value while its text is unchanged (so a saved number or boolean stays one), else the text.
 */
export const filterValueOf = (filter: FilterDraft): TFilterValue => {
  if (filter.operator === 'exists') return undefined;
  if (filter.operator === 'gt' || filter.operator === 'lt') return number(filter.value);
  if (filter.loaded !== undefined && String(filter.loaded) === filter.value) return filter.loaded;
  return filter.value === '' ? undefined : filter.value;
};

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
    steps: draft.steps.map((s) => ({
      name: s.name,
      event: s.event,
      nth: number(s.nth),
      filters: s.filters.map((f) => ({
        property: f.property,
        operator: f.operator,
        value: filterValueOf(f),
      })),
    })),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return { ok: false, errors };
};
