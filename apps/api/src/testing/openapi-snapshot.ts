import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestServer } from './server';

/** Where each version's published document is kept: `apps/api/openapi/<version>.snapshot.json`. */
export const snapshotPathOf = (versionId: string): string =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), `../../openapi/${versionId}.snapshot.json`);

export const REFRESH_COMMAND = 'pnpm --filter @bytelyst/api openapi:snapshot';

type Document = Record<string, unknown> & { info: { version: string } };

/** The live document of the current version, as a fresh server on the default settings serves it. */
export const liveCurrentDocument = async (): Promise<Document> => {
  const server = await createTestServer();
  try {
    const res = await server.app.inject({ url: '/documentation/json' });
    if (res.statusCode !== 200) throw new Error(`/documentation/json answered ${res.statusCode}`);
    return res.json() as Document;
  } finally {
    await server.close();
  }
};

export const readSnapshot = async (versionId: string): Promise<Document | undefined> => {
  try {
    return JSON.parse(await readFile(snapshotPathOf(versionId), 'utf8')) as Document;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** Prose and examples the breaking-change check never reads; dropped so the snapshot holds only the contract. */
const PROSE = new Set(['description', 'summary', 'example', 'examples', 'externalDocs']);

/** The document without prose; keys of a `properties` map are names, never annotations, and stay. */
const contractOf = (value: unknown, names = false): unknown => {
  if (Array.isArray(value)) return value.map((item) => contractOf(item));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!names && PROSE.has(key)) continue;
    out[key] = contractOf(child, !names && (key === 'properties' || key === 'paths'));
  }
  return out;
};

/** Writes the live document as its version's snapshot (servers and prose stripped). */
export const writeSnapshot = async (): Promise<string> => {
  const { servers: _, ...doc } = contractOf(await liveCurrentDocument()) as Document;
  const file = snapshotPathOf(doc.info.version);
  await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
  return file;
};
