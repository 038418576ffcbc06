import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export type Received = { path: string; headers: IncomingHttpHeaders; body: string; at: number };

/** How the receiver answers the next request: a status, headers, a body, and an optional delay. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

/**
 * A webhook receiver on 127.0.0.1: records every request and answers as told (200 by default). `answer` may
 * be a function of the request count, for scripted failures. `stall` makes it hold every request until
 * closed (a receiver that never answers). `gated` holds the answers until `release()` (a receiver that is
 * slow for a while, so that work piles up behind it).
 */
export const startWebhookReceiver = async (
  opts: { answer?: Answer | ((n: number, req: Received) => Answer); stall?: boolean; gated?: boolean } = {},
) => {
  let gated = opts.gated ?? false;
  const gatedAnswers: (() => void)[] = [];
  const received: Received[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const held = new Set<ServerResponse>();
  let answer = opts.answer ?? { status: 200, body: 'ok' };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry: Received = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(entry);
      for (const w of waiting.filter((w) => received.length >= w.count)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
      if (opts.stall) {
        held.add(res);
        return;
      }
      const a = typeof answer === 'function' ? answer(received.length, entry) : answer;
      const send = () => {
        res.writeHead(a.status, a.headers ?? {});
        res.end(a.body ?? '');
      };
      const answerNow = () => {
        if (a.delayMs) setTimeout(send, a.delayMs);
        else send();
      };
      if (gated) gatedAnswers.push(answerNow);
      else answerNow();
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    setAnswer(next: Answer | ((n: number, req: Received) => Answer)) {
      answer = next;
    },
    /** Answers the requests held so far, and every later one at once. */
    release() {
      gated = false;
      for (const answerNow of gatedAnswers.splice(0)) answerNow();
    },
    /** Resolves once `count` requests have arrived in all. */
    waitFor(count: number): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ count, resolve }));
    },
    async close() {
      gatedAnswers.length = 0;
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
};

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
