import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './env';

export type Secrets = {
  jwtSecret: string;
  blobSigningSecret: string;
  encryptionKey: string;
  /** Set when the JWT secret came from (or was just written to) a file under DATA_DIR rather than env. */
  jwtSecretFile?: { path: string; generated: boolean };
};

const readSecretFile = (file: string): string | undefined => {
  try {
    const value = readFileSync(file, 'utf8').trim();
    return value.length >= 32 ? value : undefined;
  } catch {
    return undefined;
  }
};

/** The secret kept in `file`, or a new one written there (mode 0600) when it is missing or too short. */
const fileSecret = (file: string): { value: string; generated: boolean } => {
  const existing = readSecretFile(file);
  if (existing !== undefined) return { value: existing, generated: false };
  const value = randomBytes(48).toString('base64url');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, generated: true };
};

/**
 * JWT_SECRET and ENCRYPTION_KEY from env, or (outside production, where env.ts already demands them) generated
 * once and kept in DATA_DIR/.jwt-secret and DATA_DIR/.encryption-key, so that restarts keep sessions valid and
 * stored secrets readable. The blob signing secret defaults to a key derived from the JWT secret, so nothing
 * needs setting on a laptop.
 */
export const resolveSecrets = (env: Env): Secrets => {
  let jwtSecret = env.JWT_SECRET;
  let jwtSecretFile: Secrets['jwtSecretFile'];
  if (jwtSecret === undefined) {
    const file = path.resolve(env.DATA_DIR, '.jwt-secret');
    const { value, generated } = fileSecret(file);
    jwtSecret = value;
    jwtSecretFile = { path: file, generated };
  }
  const encryptionKey = env.ENCRYPTION_KEY ?? fileSecret(path.resolve(env.DATA_DIR, '.encryption-key')).value;
  const blobSigningSecret =
    env.BLOB_SIGNING_SECRET ??
    createHmac('sha256', jwtSecret).update('bytelyst:blob-signing').digest('base64url');
  const secrets = { jwtSecret, blobSigningSecret, encryptionKey };
  return jwtSecretFile ? { ...secrets, jwtSecretFile } : secrets;
};
