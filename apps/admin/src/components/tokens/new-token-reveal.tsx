'use client';

import { useState } from 'react';
import { Button } from '../button';
import { Icon } from '../icon';

/** The plaintext token exists only here, once; closing the dialog forgets it. */
export function NewTokenReveal({ token, onDone }: { token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
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
          <span>
            This is the only time the token is shown. Store it in your secret manager now; it cannot be
            retrieved later.
          </span>
        </div>
        <div className="secret-box">
          <span className="visually-hidden">New API token:</span>
          <code data-testid="new-token">{token}</code>
          <Button size="sm" onClick={() => void copy()}>
            <Icon name={copied ? 'check' : 'copy'} size={14} />
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      </div>
      <div className="dialog-footer">
        <Button variant="primary" onClick={onDone}>
          I have stored it
        </Button>
      </div>
    </>
  );
}
