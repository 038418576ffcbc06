'use client';

import { useActionState } from 'react';
import { subscribeToStatus } from '~/app/status/actions';
import { Button } from '~/components/kit/button';
import { TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import styles from './status-page.module.css';

/** Email subscription (double opt-in): the only part of the page that runs in the browser. */
export function SubscribeForm({ product }: { product: string | null }) {
  const [state, action, pending] = useActionState(subscribeToStatus, { status: 'idle', message: null });
  return (
    <section className={`card ${styles.subscribe}`} aria-labelledby="subscribe-title">
      <h2 className={styles.sectionTitle} id="subscribe-title">
        Get updates by email
      </h2>
      <p className={styles.meta}>
        We email you when an incident is opened, updated or resolved, and about scheduled maintenance. Every
        email has a one-click link to stop them.
      </p>
      {state.status === 'sent' ? (
        <p className="alert alert-success" role="status">
          {state.message}
        </p>
      ) : (
        <form action={action} className={styles.subscribeRow}>
          {product ? <input type="hidden" name="product" value={product} /> : null}
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            placeholder="you@example.com"
          />
          <Button type="submit" variant="primary" loading={pending}>
            Subscribe
          </Button>
        </form>
      )}
      {state.status === 'error' ? <FormError message={state.message} /> : null}
    </section>
  );
}
