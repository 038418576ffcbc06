'use client';

import { useState } from 'react';
import { Button } from '../button';
import { Icon } from '../icon';

/** The full license key exists only here, once; closing the dialog forgets it. */
export function LicenseKeyReveal({ licenseKey, onDone }: { licenseKey: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(licenseKey);
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
            This is the only time the key is shown. Send it to the customer now; only its hash is stored, so
            it cannot be retrieved later.
          </span>
        </div>
        <div className="secret-box">
          <span className="visually-hidden">New license key:</span>
          <code data-testid="new-license-key">{licenseKey}</code>
          <Button size="sm" onClick={() => void copy()}>
            <Icon name={copied ? 'check' : 'copy'} size={14} />
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      </div>
      <div className="dialog-footer">
        <Button variant="primary" onClick={onDone}>
          I have sent it
        </Button>
      </div>
    </>
  );
}
