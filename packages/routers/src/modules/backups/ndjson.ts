import { createHash } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** One line of a backup file: a document with its partition key and, when it has one, its expiry (epoch ms). */
export type BackupLine = { id: string; pk: string; expiresAt: number | null; body: Record<string, unknown> };

export const isBackupLine = (value: unknown): value is BackupLine => {
  if (value === null || typeof value !== 'object') return false;
  const line = value as Record<string, unknown>;
  return (
    typeof line.id === 'string' &&
    typeof line.pk === 'string' &&
    (line.expiresAt === null || typeof line.expiresAt === 'number') &&
    line.body !== null &&
    typeof line.body === 'object'
  );
};

/** Bytes passing through, hashed and counted as they go (the gzipped file, on the way in and out). */
export const hashing = () => {
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    async *pass(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const chunk of source) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    get bytes() {
      return bytes;
    },
    digest: () => hash.digest('hex'),
  };
};

/**
 * The lines of a gzipped NDJSON stream, read as the caller pulls them; `raw` sees the gzipped bytes first, so
 * the file's checksum is computed in the same pass. A damaged file throws the gunzip error.
 */
export async function* readLines(stream: Readable, raw: ReturnType<typeof hashing>): AsyncGenerator<string> {
  const gunzip = pipeline(Readable.from(raw.pass(stream)), createGunzip(), () => {
    // Errors reach the loop below through the destroyed gunzip stream.
  });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.length > 0) yield line;
    }
    const last = rest + decoder.end();
    if (last.length > 0) yield last;
  } finally {
    stream.destroy();
  }
}
