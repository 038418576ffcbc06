import type { BlobStore } from '@bytelyst/db/blob';
import type { DocumentStore } from '@bytelyst/db/document-store';
import type { FastifyInstance } from 'fastify';

export const READY_TIMEOUT_MS = 2000;

type Check = { name: 'store' | 'blob'; ping: () => Promise<void> };
type CheckResult = { name: string; ok: boolean; ms: number; error?: string };

const withTimeout = async (ping: () => Promise<void>, ms: number): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

const run = async (check: Check, timeoutMs: number): Promise<CheckResult> => {
  const started = performance.now();
  try {
    await withTimeout(check.ping, timeoutMs);
    return { name: check.name, ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreachable';
    return { name: check.name, ok: false, ms: Math.round(performance.now() - started), error: message };
  }
};

/** `/health`: the process answers. `/health/ready`: the store and the blob storage answer too (else 503). */
export const registerHealth = (
  app: FastifyInstance,
  deps: { store: DocumentStore; blob: BlobStore; timeoutMs?: number },
): void => {
  const timeoutMs = deps.timeoutMs ?? READY_TIMEOUT_MS;
  const checks: Check[] = [
    { name: 'store', ping: () => deps.store.ping() },
    { name: 'blob', ping: () => deps.blob.ping() },
  ];
  app.get('/health', (_request, reply) => {
    void reply.send({ status: 'ok' });
  });
  app.get('/health/ready', async (request, reply) => {
    const results = await Promise.all(checks.map((check) => run(check, timeoutMs)));
    const failed = results.filter((result) => !result.ok);
    const dependencies = Object.fromEntries(results.map(({ name, ...rest }) => [name, rest]));
    if (failed.length === 0) return reply.send({ status: 'ready', dependencies });
    request.log.warn({ failed }, 'not ready');
    return reply.code(503).send({
      status: 'unavailable',
      failed: failed.map((result) => result.name),
      message: `not ready: ${failed.map((result) => `${result.name} (${result.error ?? 'unreachable'})`).join(', ')}`,
      dependencies,
    });
  });
};
