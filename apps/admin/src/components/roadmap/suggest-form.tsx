'use client';

import { useActionState } from 'react';
import { type FormState, suggestFeature } from '~/app/roadmap/actions';
import { Button } from '~/components/kit/button';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import styles from './roadmap.module.css';

const IDLE: FormState = { status: 'idle', message: null, fields: {} };

/** "Suggest a feature": stored as a pending submission, public only once an admin approves it. */
export function SuggestForm({ product, signedIn }: { product: string; signedIn: boolean }) {
  const [state, action, pending] = useActionState(suggestFeature, IDLE);
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="suggest-title">
      <h2 className="card-title" id="suggest-title">
        Suggest a feature
      </h2>
      {signedIn ? (
        <form action={action} className={styles.stack}>
          <input type="hidden" name="product" value={product} />
          <FormError message={state.status === 'error' ? state.message : null} />
          {state.status === 'done' ? (
            <p className="alert alert-success" role="status">
              {state.message}
            </p>
          ) : null}
          <TextField label="Title" name="title" required maxLength={200} error={state.fields.title} />
          <TextAreaField label="Details" name="body" rows={3} maxLength={20_000} error={state.fields.body} />
          <div className="row">
            <Button type="submit" variant="primary" loading={pending}>
              Send suggestion
            </Button>
          </div>
        </form>
      ) : (
        <p className={styles.meta}>Sign in above to suggest a feature.</p>
      )}
    </section>
  );
}
