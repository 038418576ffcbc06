import type { TFunnel } from '@bytelyst/routers/modules/analytics/schema';
import { describe, expect, it } from 'vitest';
import { draftOf, emptyFilter, type FunnelDraft, parseFunnelDraft } from './funnel-form';

const FUNNEL: TFunnel = {
  id: 'share',
  name: 'Share',
  order: 'ordered',
  windowDays: 7,
  updatedAt: '2026-12-01T00:00:00.000Z',
  steps: [
    { name: 'Open', event: 'app.open', nth: 1, filters: [{ property: 'build', operator: 'eq', value: 42 }] },
    {
      name: 'Share to Slack',
      event: 'share.link',
      nth: 1,
      filters: [
        { property: 'target', operator: 'eq', value: 'slack' },
        { property: 'beta', operator: 'neq', value: true },
        { property: 'appVersion', operator: 'exists' },
      ],
    },
  ],
};

const withFilter = (draft: FunnelDraft, step: number, change: Partial<ReturnType<typeof emptyFilter>>) => ({
  ...draft,
  steps: draft.steps.map((s, i) =>
    i === step ? { ...s, filters: [...s.filters, { ...emptyFilter(), ...change }] } : s,
  ),
});

const filtersOf = (draft: FunnelDraft) => {
  const parsed = parseFunnelDraft(draft);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.input.steps.map((s) => s.filters);
};

describe('funnel step filters in the editor', () => {
  it('save as loaded when untouched: numbers, booleans and value-less filters keep their type', () => {
    expect(filtersOf(draftOf(FUNNEL))).toEqual(FUNNEL.steps.map((s) => s.filters));
  });

  it('compare with the text typed, with a number for greater and less than, and with nothing for "is set"', () => {
    let draft = withFilter(draftOf(FUNNEL), 0, { property: 'platform', operator: 'eq', value: 'ios' });
    draft = withFilter(draft, 0, { property: 'durationMs', operator: 'gt', value: '1500' });
    draft = withFilter(draft, 1, { property: 'words', operator: 'lt', value: '12.5' });
    draft = withFilter(draft, 1, { property: 'target', operator: 'exists', value: 'left over' });
    const [first, second] = filtersOf(draft);
    expect(first?.slice(1)).toEqual([
      { property: 'platform', operator: 'eq', value: 'ios' },
      { property: 'durationMs', operator: 'gt', value: 1500 },
    ]);
    expect(second?.slice(3)).toEqual([
      { property: 'words', operator: 'lt', value: 12.5 },
      { property: 'target', operator: 'exists' },
    ]);
  });

  it('an edited loaded value becomes the text typed', () => {
    const draft = draftOf(FUNNEL);
    const open = draft.steps[0];
    if (!open?.filters[0]) throw new Error('the fixture has a filter on step 1');
    open.filters[0] = { ...open.filters[0], value: '42a' };
    expect(filtersOf(draft)[0]).toEqual([{ property: 'build', operator: 'eq', value: '42a' }]);
  });

  it("refuse a filter without a property, a value, or a number where one is needed, under the schema's paths", () => {
    let draft = withFilter(draftOf(FUNNEL), 0, { property: '', operator: 'eq', value: 'x' });
    draft = withFilter(draft, 1, { property: 'target', operator: 'contains', value: '' });
    draft = withFilter(draft, 1, { property: 'words', operator: 'gt', value: 'many' });
    const parsed = parseFunnelDraft(draft);
    expect(parsed.ok).toBe(false);
    expect(Object.keys(parsed.ok ? {} : parsed.errors).sort()).toEqual([
      'steps.0.filters.1.property',
      'steps.1.filters.3.value',
      'steps.1.filters.4.value',
    ]);
  });
});
