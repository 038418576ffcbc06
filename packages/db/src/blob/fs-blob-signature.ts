import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the fs driver signs: every part a downloader could otherwise change, one per line. */
export const signFsBlob = (
  signingSecret: string,
  container: string,
  key: string,
  exp: number,
  downloadName: string | undefined,
): string =>
  createHmac('sha256', signingSecret)
    .update(`${container}\n${key}\n${exp}\n${downloadName ?? ''}`)
    .digest('base64url');

export type VerifyFsBlobSignatureInput = {
  signingSecret: string;
  container: string;
  key: string;
  /** The `exp` query parameter: epoch seconds. */
  exp: string | number;
  /** The `sig` query parameter. */
  sig: string;
  /** The `dn` query parameter, when present. */
  downloadName?: string;
  /** Epoch milliseconds (the injected clock). */
  now: number;
};

/**
 * Checks a URL made by the fs driver's `signedUrl` (`GET /blobs/<container>/<key>?exp=&sig=[&dn=]`):
 * 'invalid' when anything was changed or forged, 'expired' when genuine but past `exp`.
 */
export const verifyFsBlobSignature = (input: VerifyFsBlobSignatureInput): 'ok' | 'expired' | 'invalid' => {
  const expText = String(input.exp);
  if (!/^\d{1,12}$/.test(expText) || input.signingSecret.length === 0) return 'invalid';
  const exp = Number(expText);
  // Compare the canonical base64url text, not decoded bytes: lenient decoding would accept altered padding bits.
  const expected = Buffer.from(
    signFsBlob(input.signingSecret, input.container, input.key, exp, input.downloadName),
  );
  const given = Buffer.from(input.sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return input.now >= exp * 1000 ? 'expired' : 'ok';
};
