'use client';

import { type TSegment, ZAnnouncementInput, ZSegment } from '@bytelyst/routers/modules/delivery/schema';
import { ZDevicePlatform } from '@bytelyst/routers/modules/notifications/schema';
import { useEffect } from 'react';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import type { FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from './delivery.module.css';

type Platform = (typeof ZDevicePlatform.options)[number];

const PLATFORM_LABELS: Record<Platform, string> = {
  ios: 'iOS',
  android: 'Android',
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
  web: 'Web',
};

type Values = {
  platforms: Platform[];
  plans: string[];
  minAppVersion: string;
  maxAppVersion: string;
  title: string;
  body: string;
};

const EMPTY: Values = { platforms: [], plans: [], minAppVersion: '', maxAppVersion: '', title: '', body: '' };

const segmentOf = (values: Values): TSegment => ({
  ...(values.platforms.length ? { platforms: values.platforms } : {}),
  ...(values.plans.length ? { plans: values.plans } : {}),
  ...(values.minAppVersion.trim() ? { minAppVersion: values.minAppVersion.trim() } : {}),
  ...(values.maxAppVersion.trim() ? { maxAppVersion: values.maxAppVersion.trim() } : {}),
});

/** Zod issues as the form's field errors, under the API's own paths (`segment.minAppVersion`, `title`). */
const issuesOf = (issues: readonly { path: PropertyKey[]; message: string }[]): FieldErrors => {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path.map(String).join('.')] ??= issue.message;
  return errors;
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** A feature announcement pushed to every device of a segment, with the reach shown before it is sent. */
export function AnnouncementDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { values, set, fields, formError, check, fromApi, clear } = useFormValues(EMPTY);
  const plans = trpc.plans.listAll.useQuery(undefined, { enabled: open });
  const segment = segmentOf(values);
  const segmentKey = JSON.stringify(segment);
  const settled = useDebouncedValue(segmentKey, 350);
  const reach = trpc.delivery.previewSegment.useMutation();
  const { mutate: previewReach } = reach;

  useEffect(() => {
    if (!open) return;
    const parsed = ZSegment.safeParse(JSON.parse(settled));
    if (parsed.success) previewReach({ segment: parsed.data });
  }, [open, settled, previewReach]);

  const close = () => {
    clear();
    reach.reset();
    onClose();
  };
  const send = trpc.delivery.sendAnnouncement.useMutation(
    useMutationFeedback({
      success: (result) =>
        `Announcement sent: ${plural(result.queued, 'push', 'pushes')} queued for ${plural(result.users, 'user')} on ${plural(result.devices, 'device')}.`,
      onDone: close,
      invalidate: (u) => [u.delivery.list.invalidate(), u.delivery.getStats.invalidate()],
      form: { fromApi },
    }),
  );

  const submit = () => {
    const input = { segment, title: values.title, body: values.body };
    const parsed = ZAnnouncementInput.safeParse(input);
    const errors = parsed.success ? {} : issuesOf(parsed.error.issues);
    // Plainer words than zod's for the two fields everyone fills in.
    if (!values.title.trim()) errors.title = 'Enter a title.';
    if (!values.body.trim()) errors.body = 'Enter the message.';
    if (!check(errors)) return;
    if (parsed.success) send.mutate(parsed.data);
  };

  const toggle = <Key extends 'platforms' | 'plans'>(key: Key, item: Values[Key][number], on: boolean) =>
    set(key, (on ? [...values[key], item] : values[key].filter((value) => value !== item)) as Values[Key]);

  const stale = settled !== segmentKey || reach.isPending;
  const reachText = reach.data
    ? `Reaches ${plural(reach.data.users, 'user')} on ${plural(reach.data.devices, 'device')}`
    : reach.error
      ? 'Could not count the reach of this segment.'
      : 'Counting…';

  return (
    <FormDialog
      open={open}
      onClose={close}
      title="Send announcement"
      description="A feature announcement pushed to every device of the segment that has a push token. Each user's preferences, daily cap and quiet hours still apply."
      formError={formError}
      submitLabel="Send"
      pending={send.isPending}
      onSubmit={submit}
    >
      <fieldset className={styles.fieldset}>
        <legend className="field-label">
          Platforms <span className="muted">(none ticked = every platform)</span>
        </legend>
        <div className={styles.checks}>
          {ZDevicePlatform.options.map((platform) => (
            <label key={platform} className="checkbox-row">
              <input
                type="checkbox"
                checked={values.platforms.includes(platform)}
                onChange={(event) => toggle('platforms', platform, event.target.checked)}
              />
              {PLATFORM_LABELS[platform]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend className="field-label">
          Plans <span className="muted">(none ticked = any plan, or none)</span>
        </legend>
        <div className={styles.checks}>
          {(plans.data?.items ?? [])
            .filter((plan) => !plan.archived)
            .map((plan) => (
              <label key={plan.code} className="checkbox-row">
                <input
                  type="checkbox"
                  checked={values.plans.includes(plan.code)}
                  onChange={(event) => toggle('plans', plan.code, event.target.checked)}
                />
                {plan.name}
              </label>
            ))}
          {plans.data && plans.data.items.length === 0 ? <span className="field-hint">No plans</span> : null}
        </div>
      </fieldset>
      <div className="grid grid-halves">
        <TextField
          label="Min app version"
          placeholder="2.0.0"
          value={values.minAppVersion}
          onChange={(event) => set('minAppVersion', event.target.value)}
          error={fields['segment.minAppVersion']}
        />
        <TextField
          label="Max app version"
          placeholder="3.0.0"
          value={values.maxAppVersion}
          onChange={(event) => set('maxAppVersion', event.target.value)}
          error={fields['segment.maxAppVersion']}
        />
      </div>
      <output className={styles.reach} aria-live="polite" data-stale={stale ? '' : undefined}>
        {reachText}
      </output>
      <TextField
        label="Title"
        maxLength={120}
        value={values.title}
        onChange={(event) => set('title', event.target.value)}
        error={fields.title}
      />
      <TextAreaField
        label="Body"
        maxLength={500}
        value={values.body}
        onChange={(event) => set('body', event.target.value)}
        error={fields.body}
      />
    </FormDialog>
  );
}
