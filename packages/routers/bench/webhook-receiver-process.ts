/**
 * The loopback receiver of `webhooks-bench.ts`, in a process of its own (a receiver is someone else's machine:
 * its CPU is not ours to count). Answers every POST with 200 and stamps, per `webhook-id` and path, when the
 * first copy arrived (wall-clock ms: `performance.timeOrigin + performance.now()`, the bench's clock too).
 * The first few messages on each path are verified with `standardwebhooks`, so what is counted is signed.
 *
 * Messages from the bench: `{ secrets }` (path -> whsec_ secret), `{ until: n }` (answer once n distinct
 * messages have arrived, with the time the n-th did), `'arrivals'` (every first arrival), `'reset'`.
 */
import { Webhook } from 'standardwebhooks';
import { startWebhookReceiver } from '../src/testing/webhook-receiver';

/** Messages verified per path: enough to prove the signatures, few enough to keep this process light. */
const VERIFY_PER_PATH = 20;

type Request = { secrets: Record<string, string> } | { until: number } | 'arrivals' | 'reset';

let first = new Map<string, number>();
let requests = 0;
let verified = 0;
let badSignatures = 0;
/** The first few (webhook-id, path) pairs that came more than once. */
let repeated: string[] = [];
let waiting: { count: number } | undefined;
let verifiers = new Map<string, { hook: Webhook; checked: number }>();

const reportIfDone = () => {
  if (!waiting || first.size < waiting.count) return;
  const at = [...first.values()].sort((a, b) => a - b)[waiting.count - 1];
  waiting = undefined;
  process.send?.({ reached: first.size, at, requests, verified, badSignatures });
};

const listen = async () => {
  const receiver = await startWebhookReceiver({
    answer: (_n, req) => {
      const at = performance.timeOrigin + performance.now();
      requests += 1;
      const id = String(req.headers['webhook-id']);
      const key = `${id} ${req.path}`;
      if (!first.has(key)) first.set(key, at);
      else if (repeated.length < 10) repeated.push(key);
      const verifier = verifiers.get(req.path);
      if (verifier && verifier.checked < VERIFY_PER_PATH) {
        verifier.checked += 1;
        try {
          verifier.hook.verify(req.body, {
            'webhook-id': id,
            'webhook-timestamp': String(req.headers['webhook-timestamp']),
            'webhook-signature': String(req.headers['webhook-signature']),
          });
          verified += 1;
        } catch {
          badSignatures += 1;
        }
      }
      // Keep memory flat over a long run: the bench reads the stamps, not the recorded requests.
      receiver.received.length = 0;
      reportIfDone();
      return { status: 200, body: 'ok' };
    },
  });
  return receiver.url;
};
/** One port per endpoint by default, as endpoints of different integrators are different hosts. */
const ports = Number(process.argv[2] ?? 1);
const urls = await Promise.all(Array.from({ length: ports }, listen));

process.on('message', (message: Request) => {
  if (message === 'arrivals') {
    process.send?.({ arrivals: [...first], requests, verified, badSignatures, repeated });
  } else if (message === 'reset') {
    first = new Map();
    requests = 0;
    verified = 0;
    badSignatures = 0;
    repeated = [];
    for (const verifier of verifiers.values()) verifier.checked = 0;
    process.send?.({ reset: true });
  } else if ('secrets' in message) {
    verifiers = new Map(
      Object.entries(message.secrets).map(([path, secret]) => [
        path,
        { hook: new Webhook(secret), checked: 0 },
      ]),
    );
    process.send?.({ secrets: verifiers.size });
  } else {
    waiting = { count: message.until };
    reportIfDone();
  }
});
// Never outlive the bench: its end (or death) closes the IPC channel.
process.on('disconnect', () => process.exit(0));
process.send?.({ urls });
