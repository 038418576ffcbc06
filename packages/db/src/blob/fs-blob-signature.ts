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

export type FsUploadGrant = {
  container: string;
  key: string;
  /** Epoch seconds. */
  exp: number;
  /** '' when any content type is accepted. */
  contentType: string;
  /** -1 when unlimited (the route's own body limit still applies). */
  maxBytes: number;
};

/** Upload grants sign a different message (leading `PUT`) so a download signature never authorises a write. */
export const signFsBlobUpload = (signingSecret: string, g: FsUploadGrant): string =>
  createHmac('sha256', signingSecret)
    .update(`PUT\n${g.container}\n${g.key}\n${g.exp}\n${g.contentType}\n${g.maxBytes}`)
    .digest('base64url');

export type VerifyFsBlobUploadInput = {
  signingSecret: string;
  container: string;
  key: string;
  /** Query parameters `exp`, `ct`, `max`, `sig` as received. */
  exp: string;
  contentType: string;
  maxBytes: string;
  sig: string;
  now: number;
};

/**
 * Checks a URL made by the fs driver's `signedUploadUrl` (`PUT /blobs/<container>/<key>?op=put&exp=&ct=&max=&sig=`).
 * On 'ok' it returns the grant, whose content type and size limit the route must still enforce on the body.
 */
export const verifyFsBlobUploadSignature = (
  input: VerifyFsBlobUploadInput,
): { verdict: 'ok'; grant: FsUploadGrant } | { verdict: 'expired' | 'invalid' } => {
  if (
    !/^\d{1,12}$/.test(input.exp) ||
    !/^(-1|\d{1,15})$/.test(input.maxBytes) ||
    input.signingSecret.length === 0
  ) {
    return { verdict: 'invalid' };
  }
  const grant: FsUploadGrant = {
    container: input.container,
    key: input.key,
    exp: Number(input.exp),
    contentType: input.contentType,
    maxBytes: Number(input.maxBytes),
  };
  const expected = Buffer.from(signFsBlobUpload(input.signingSecret, grant));
  const given = Buffer.from(input.sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { verdict: 'invalid' };
  return input.now >= grant.exp * 1000 ? { verdict: 'expired' } : { verdict: 'ok', grant };
};
