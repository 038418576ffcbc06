/** Where a secret's values live; its names, versions and history are always in the store (`secrets`). */
export type SecretRef = { scope: string; name: string };

export type SecretDriverErrorCode = 'not_found' | 'disabled' | 'deleted';

/** What a driver throws for a value it will not hand out; the service turns it into an AppError. */
export class SecretDriverError extends Error {
  constructor(
    readonly code: SecretDriverErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretDriverError';
  }
}

export const isSecretDriverError = (
  error: unknown,
  code?: SecretDriverErrorCode,
): error is SecretDriverError =>
  error instanceof SecretDriverError && (code === undefined || error.code === code);

export type SecretValueDriver = {
  readonly kind: 'store' | 'keyvault';
  /** Stores a new version; answers the driver's name for it and the key id it was sealed under (store only). */
  put(
    ref: SecretRef,
    value: string,
    opts: { expiresAt: string | null },
  ): Promise<{ versionRef: string; keyId: string | null }>;
  /** A version's value; throws `disabled`, `deleted` or `not_found`. */
  get(ref: SecretRef, versionRef: string): Promise<string>;
  setEnabled(ref: SecretRef, versionRef: string, enabled: boolean): Promise<void>;
  /** Soft-deletes every version: nothing can be read until `recover`. */
  remove(ref: SecretRef): Promise<void>;
  recover(ref: SecretRef): Promise<void>;
  /** Deletes a soft-deleted secret for good. */
  purge(ref: SecretRef): Promise<void>;
};
