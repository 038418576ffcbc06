/**
 * WAL checkpoints on a worker thread. better-sqlite3 is synchronous, so SQLite's automatic checkpoint (run
 * inside whichever commit crosses 1,000 WAL pages) stalls the event loop for that commit's caller. With
 * `wal_autocheckpoint = 0` on the main connection and a second connection here running PASSIVE checkpoints
 * on a timer, copying pages back into the database happens off the main thread; PASSIVE never waits for
 * readers or writers. If the worker dies, the main connection gets its automatic checkpoints back.
 *
 * PASSIVE alone never bounds the WAL under writes that do not pause: SQLite rewinds the log only when a writer
 * finds every frame already copied, and a steady writer always adds frames between two passes (measured: 480 MB
 * of WAL after 80,000 telemetry events). So once a pass leaves more than `restartPages` frames in the log, the
 * worker runs a TRUNCATE checkpoint: most frames were just copied, so it holds writers back only for the few
 * written since, then empties the file and the log starts again from the top.
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
    return db.pragma('wal_checkpoint(' + mode + ')')[0];
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String(error && error.message || error) });
    return undefined;
  }
};
const pass = () => {
  const result = checkpoint('PASSIVE');
  if (!result || result.log <= workerData.restartPages) return;
  // While it waits, TRUNCATE holds new writers back: wait briefly, and let a busy pass (a long reader, say)
  // fall to the next one instead of stalling the writers' event loop.
  db.pragma('busy_timeout = ' + workerData.truncateWaitMs);
  try {
    const truncated = db.pragma('wal_checkpoint(TRUNCATE)')[0];
    if (truncated.busy === 0) parentPort.postMessage({ type: 'truncated', pages: result.log });
  } catch {
  } finally {
    db.pragma('busy_timeout = 5000');
  }
};
const timer = setInterval(pass, workerData.intervalMs);
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

/** Past this many WAL pages (4 KiB each by default) a pass ends with a TRUNCATE checkpoint. */
export const WAL_RESTART_PAGES = 4000;
/** How long a TRUNCATE checkpoint waits for the lock before leaving it to the next pass. */
const TRUNCATE_WAIT_MS = 100;

/**
 * Starts checkpointing `path` every `intervalMs`; `onFailure` runs once if the worker stops unasked;
 * `onTruncated` is told each time the WAL was emptied, with the pages it held.
 */
export const startBackgroundCheckpoints = (
  path: string,
  opts: {
    intervalMs: number;
    restartPages?: number;
    onFailure: (reason: string) => void;
    onTruncated?: (pages: number) => void;
  },
): Checkpointer => {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      path,
      modulePath,
      intervalMs: opts.intervalMs,
      restartPages: opts.restartPages ?? WAL_RESTART_PAGES,
      truncateWaitMs: TRUNCATE_WAIT_MS,
    },
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
  worker.on('message', (message: { type: string; message?: string; pages?: number }) => {
    if (message.type === 'error') fail(message.message ?? 'checkpoint failed');
    if (message.type === 'truncated') opts.onTruncated?.(message.pages ?? 0);
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
