'use client';

import type { TemplateName } from '@bytelyst/emails/templates';
import { ZEmail } from '@bytelyst/routers/modules/users/schema';
import Link from 'next/link';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { Icon } from '~/components/kit/icon';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';
import { deliveryHref } from './delivery-table';

type Props = {
  template: TemplateName;
  /** The props of the render on screen: the test is that mail. */
  props: Record<string, unknown> | undefined;
};

/** Sends the mail on screen to any address through the real driver, marked as a test in the log. */
export function SendTestForm({ template, props }: Props) {
  const { values, set, fields, formError, check, fromApi } = useFormValues({ to: '' });
  const send = trpc.delivery.sendTest.useMutation(
    useMutationFeedback({
      success: (_result, variables) => `Test sent to ${variables.to}.`,
      successLink: (result) => {
        const first = result.deliveries[0];
        return first ? { href: deliveryHref(first.id), label: 'Open it in the log' } : undefined;
      },
      invalidate: (u) => [u.delivery.list.invalidate(), u.delivery.getStats.invalidate()],
      form: { fromApi },
    }),
  );
  const sent = send.data?.deliveries[0];

  const submit = () => {
    const to = values.to.trim();
    if (!check(passes(ZEmail, to) ? {} : { to: 'Enter an email address.' })) return;
    send.mutate({ template, to, ...(props ? { props } : {}) });
  };

  return (
    <Card
      titleId="send-test-title"
      title="Send a test"
      subtitle="The mail above, as rendered, to any address"
    >
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <FormError message={formError} />
        <TextField
          label="Send to"
          type="email"
          placeholder="you@example.com"
          value={values.to}
          error={fields.to}
          onChange={(event) => set('to', event.target.value)}
        />
        <div className="row row-wrap">
          <Button type="submit" variant="primary" loading={send.isPending} disabled={!props}>
            <Icon name="send" size={14} />
            Send test
          </Button>
          {sent ? (
            <span className="muted">
              Sent to <span className="mono">{sent.to}</span>:{' '}
              <Link href={deliveryHref(sent.id)}>open it in the log</Link>
            </span>
          ) : null}
        </div>
      </form>
    </Card>
  );
}
