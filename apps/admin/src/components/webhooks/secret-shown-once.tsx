'use client';

import { type ReactNode, useState } from 'react';
import { Button } from '~/components/kit/button';
import { Icon } from '~/components/kit/icon';
import styles from './webhooks.module.css';

/** A value in the secret box with a copy button; `label` names it above the box. */
export function CopyBox({ value, label, testId }: { value: string; label: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className={styles.keyBlock}>
      <span className="field-label">{label}</span>
      <div className="secret-box">
        <code data-testid={testId}>{value}</code>
        <Button size="sm" aria-label={`Copy ${label.toLowerCase()}`} onClick={() => void copy()}>
          <Icon name={copied ? 'check' : 'copy'} size={14} />
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </div>
  );
}

type Secret = { secret: string; publicKey: string | null; signatureScheme: 'v1' | 'v1a' };

/**
 * The body and footer of a dialog that shows an endpoint's new secret, once (at creation and at rotation).
 * For `v1a` the receiver needs the public key; the signing key stays with the platform.
 */
export function SecretShownOnce({
  value,
  note,
  onDone,
}: {
  value: Secret;
  /** What else the admin should know, e.g. how long the previous secret still signs. */
  note?: ReactNode;
  onDone: () => void;
}) {
  const asymmetric = value.signatureScheme === 'v1a';
  return (
    <>
      <div className="dialog-body">
        <div className="alert alert-warning" role="note">
          <Icon name="alert" size={16} />
          <span>
            {asymmetric
              ? 'This is the only time the signing key is shown. The platform keeps it to sign; receivers verify with the public key, which stays on the endpoint page.'
              : 'This is the only time the secret is shown. Store it where the receiver reads its configuration; it cannot be retrieved later.'}
          </span>
        </div>
        {asymmetric && value.publicKey ? (
          <CopyBox value={value.publicKey} label="Public key for the receiver" testId="webhook-public-key" />
        ) : null}
        <CopyBox
          value={value.secret}
          label={asymmetric ? 'Signing key' : 'Signing secret'}
          testId="webhook-secret"
        />
        {note ? <p className="muted">{note}</p> : null}
        <p className="field-hint">
          {asymmetric ? (
            <>
              Receivers check the <code>v1a,</code> entry of <code>webhook-signature</code>: an ed25519
              signature of <code>{'{id}.{timestamp}.{body}'}</code>
            </>
          ) : (
            <>
              Receivers verify <code>webhook-signature</code> with any Standard Webhooks or Svix library
            </>
          )}
          , and reject a <code>webhook-timestamp</code> more than 5 minutes from their clock.
        </p>
      </div>
      <div className="dialog-footer">
        <Button variant="primary" onClick={onDone}>
          I have stored it
        </Button>
      </div>
    </>
  );
}
