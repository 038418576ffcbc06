import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Env } from './env';

export type Secrets = {
  jwtSecret: string;
  blobSigningSecret: string;
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

/**
 * JWT_SECRET from env, or (outside production, where env.ts already demands it) one generated once and kept in
 * DATA_DIR/.jwt-secret so that restarts keep sessions valid. The blob signing secret defaults to a key derived
 * from it, so one secret is enough on a laptop.
 */
export const resolveSecrets = (env: Env): Secrets => {
  let jwtSecret = env.JWT_SECRET;
  let jwtSecretFile: Secrets['jwtSecretFile'];
  if (jwtSecret === undefined) {
    const file = path.resolve(env.DATA_DIR, '.jwt-secret');
    const existing = readSecretFile(file);
    if (existing !== undefined) {
      jwtSecret = existing;
      jwtSecretFile = { path: file, generated: false };
    } else {
      jwtSecret = randomBytes(48).toString('base64url');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${jwtSecret}\n`, { mode: 0o600 });
      jwtSecretFile = { path: file, generated: true };
    }
  }
  const blobSigningSecret =
    env.BLOB_SIGNING_SECRET ??
    createHmac('sha256', jwtSecret).update('bytelyst:blob-signing').digest('base64url');
  return jwtSecretFile ? { jwtSecret, blobSigningSecret, jwtSecretFile } : { jwtSecret, blobSigningSecret };
};
