'use client';

import styles from '~/components/auth/auth.module.css';
import { Button } from '~/components/kit/button';
import { FormError } from '~/components/kit/form-error';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

/** "This wasn't me": one button that signs out the session the mail was about. */
export function SessionReportForm({ token }: { token: string }) {
  const report = trpc.sessions.report.useMutation();

  if (report.data) {
    return (
      <>
        <h1 className={styles.authTitle}>{report.data.revoked ? 'Session signed out' : 'Link used'}</h1>
        <p className={styles.authSubtitle} role="status">
          {report.data.revoked
            ? 'That session has ended: whoever was using it is signed out.'
            : 'That session had already ended, so nothing more was needed.'}
        </p>
        <p>
          Next, reset your password with the link in the same email, so whoever signed in cannot do it again.
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className={styles.authTitle}>Was this sign-in not you?</h1>
      <p className={styles.authSubtitle}>
        Your account was signed into from a new device. If it was not you, sign that session out now. Your
        other sessions stay signed in.
      </p>
      {token ? (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            report.mutate({ token });
          }}
        >
          <FormError message={report.error ? errorMessage(report.error) : null} />
          <Button type="submit" variant="danger" className="btn-block" loading={report.isPending}>
            Sign that session out
          </Button>
        </form>
      ) : (
        <FormError message="This link is incomplete. Open it again from the email." />
      )}
      <p className={styles.authFootnote}>
        If it was you, close this page: nothing changes until you press the button.
      </p>
    </>
  );
}
