'use client';

import { useActionState } from 'react';
import { type FormState, signInToRoadmap, signOutOfRoadmap } from '~/app/roadmap/actions';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import styles from './roadmap.module.css';

const IDLE: FormState = { status: 'idle', message: null, fields: {} };

/**
 * The roadmap's own sign-in, for voting, suggesting and commenting: the account's email and password against
 * the API, kept in cookies that only /roadmap pages receive. It never signs anyone in to the console.
 */
export function SignInPanel({ product, email }: { product: string; email: string | null }) {
  const [state, action, pending] = useActionState(signInToRoadmap, IDLE);
  if (email) {
    return (
      <section className={`card ${styles.panel}`} aria-label="Your roadmap account">
        <form action={signOutOfRoadmap} className="row">
          <span className={styles.meta}>
            Signed in as <strong>{email}</strong>
          </span>
          <span className="spacer" />
          <Button type="submit" size="sm">
            Sign out
          </Button>
        </form>
      </section>
    );
  }
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="roadmap-sign-in">
      <h2 className="card-title" id="roadmap-sign-in">
        Sign in to vote and suggest
      </h2>
      <form action={action} className={styles.stack} noValidate>
        <input type="hidden" name="product" value={product} />
        <FormError message={state.status === 'error' ? state.message : null} />
        <div className={styles.side}>
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            error={state.fields.email}
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            error={state.fields.password}
          />
        </div>
        <div className="row">
          <Button type="submit" variant="primary" loading={pending}>
            Sign in
          </Button>
        </div>
      </form>
    </section>
  );
}
