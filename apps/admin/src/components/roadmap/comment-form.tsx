'use client';

import { useActionState } from 'react';
import { commentOnItem, type FormState } from '~/app/roadmap/actions';
import { Button } from '~/components/kit/button';
import { TextAreaField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import styles from './roadmap.module.css';

const IDLE: FormState = { status: 'idle', message: null, fields: {} };

/** A comment shows at once; admins remove what does not belong from the console's /tracker. */
export function CommentForm({ product, itemId }: { product: string; itemId: string }) {
  const [state, action, pending] = useActionState(commentOnItem, IDLE);
  return (
    <form action={action} className={styles.stack}>
      <input type="hidden" name="product" value={product} />
      <input type="hidden" name="itemId" value={itemId} />
      <FormError message={state.status === 'error' ? state.message : null} />
      <TextAreaField label="Your comment" name="body" rows={3} maxLength={5000} error={state.fields.body} />
      <div className="row">
        <Button type="submit" variant="primary" loading={pending}>
          Post comment
        </Button>
      </div>
    </form>
  );
}
