/**
 * WAL checkpoints on a worker thread. better-sqlite3 is synchronous, so SQLite's automatic checkpoint (run
 * inside whichever commit crosses 1,000 WAL pages) stalls the event loop for that commit's caller. With
 * `wal_autocheckpoint = 0` on the main connection and a second connection here running PASSIVE checkpoints
 * on a timer, copying pages back into the database happens off the main thread; PASSIVE never waits for
 * readers or writers. If the worker dies, the main connection gets its automatic checkpoints back.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const checkpoint = (mode) => {
  try {
    db.pragma('wal_checkpoint(' + mode + ')');
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String(error && error.message || error) });
  }
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.postMessage({ type: 'closed' });
});
parentPort.postMessage({ type: 'ready' });
`;

export type Checkpointer = { stop(): Promise<void> };

/** Starts checkpointing `path` every `intervalMs`; `onFailure` runs once if the worker stops unasked. */
export const startBackgroundCheckpoints = (
  path: string,
  opts: { intervalMs: number; onFailure: (reason: string) => void },
): Checkpointer => {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, modulePath, intervalMs: opts.intervalMs },
  });
  worker.unref();
  let stopping = false;
  let failed = false;
  const fail = (reason: string) => {
    if (stopping || failed) return;
    failed = true;
    opts.onFailure(reason);
  };
  worker.on('error', (error) => fail(error.message));
  worker.on('exit', (code) => fail(`checkpoint worker exited with code ${code}`));
  worker.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'error') fail(message.message ?? 'checkpoint failed');
  });
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      if (failed) return;
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('exit', done);
        worker.on('message', (message: { type: string }) => {
          if (message.type === 'closed') void worker.terminate().then(done, done);
        });
        worker.postMessage('close');
      });
    },
  };
};
