'use client';

import { type ReactNode, useState } from 'react';
import { Button } from './button';
import { Icon } from './icon';

/**
 * A secret shown exactly once (an API token, a license key): the warning, the value with a copy button and the
 * acknowledgement that closes the dialog. The value lives only in this component; closing forgets it.
 */
export function SecretReveal({
  secret,
  label,
  warning,
  doneLabel,
  testId,
  onDone,
}: {
  secret: string;
  /** Read by screen readers before the value, e.g. "New API token:". */
  label: string;
  warning: ReactNode;
  doneLabel: string;
  testId: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <div className="dialog-body">
        <div className="alert alert-warning" role="note">
          <Icon name="alert" size={16} />
          <span>{warning}</span>
        </div>
        <div className="secret-box">
          <span className="visually-hidden">{label}</span>
          <code data-testid={testId}>{secret}</code>
          <Button size="sm" onClick={() => void copy()}>
            <Icon name={copied ? 'check' : 'copy'} size={14} />
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      </div>
      <div className="dialog-footer">
        <Button variant="primary" onClick={onDone}>
          {doneLabel}
        </Button>
      </div>
    </>
  );
}
