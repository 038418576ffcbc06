'use client';

import { Button } from '~/components/kit/button';
import { FormError } from '~/components/kit/form-error';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import styles from './status-page.module.css';

/**
 * The confirm and unsubscribe links of the status mails land here. Opening the page changes nothing (a mail
 * scanner that fetches links confirms or ends no subscription); the button posts the token.
 */
export function TokenAction({ kind, token }: { kind: 'confirm' | 'unsubscribe'; token: string }) {
  const confirm = trpc.status.confirm.useMutation();
  const unsubscribe = trpc.status.unsubscribe.useMutation();
  const mutation = kind === 'confirm' ? confirm : unsubscribe;
  const done = kind === 'confirm' ? confirm.data : unsubscribe.data;

  if (done) {
    return (
      <>
        <h1 className={styles.sectionTitle}>
          {kind === 'confirm' ? 'Subscription confirmed' : 'Unsubscribed'}
        </h1>
        <p role="status">
          {kind === 'confirm'
            ? `${done.email} will get an email when an incident is opened, updated or resolved, and about maintenance.`
            : `${done.email} will get no more status emails.`}
        </p>
        <a href="/status">Open the status page</a>
      </>
    );
  }
  return (
    <>
      <h1 className={styles.sectionTitle}>
        {kind === 'confirm' ? 'Confirm your status subscription' : 'Stop status emails'}
      </h1>
      <p className={styles.meta}>
        {kind === 'confirm'
          ? 'Press the button to receive incident and maintenance notices by email.'
          : 'Press the button and this address gets no more incident or maintenance notices.'}
      </p>
      {token ? (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            mutation.mutate({ token });
          }}
        >
          <FormError message={mutation.error ? errorMessage(mutation.error) : null} />
          <Button type="submit" variant="primary" className="btn-block" loading={mutation.isPending}>
            {kind === 'confirm' ? 'Confirm subscription' : 'Unsubscribe'}
          </Button>
        </form>
      ) : (
        <FormError message="This link is incomplete. Open it again from the email." />
      )}
    </>
  );
}
