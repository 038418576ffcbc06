import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const ACCOUNT_NAME = 'devstoreaccount1';
const ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const READY = /successfully listens on (https?:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;

export type AzuriteHandle = {
  /** Account-key connection string for the blob endpoint on 127.0.0.1. */
  connectionString: string;
  blobEndpoint: string;
  pid: number;
  stop(): Promise<void>;
};

/** Children still running, killed synchronously if this process exits without stopping them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) {
      if (child.pid !== undefined) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });
};

const azuriteBlobBin = (): string => {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('azurite/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> };
  const bin = manifest.bin?.['azurite-blob'];
  if (bin === undefined) throw new Error('the azurite package has no azurite-blob bin');
  return join(dirname(manifestPath), bin);
};

/**
 * The child runs azurite-blob behind a tiny preamble: it exits when the IPC channel to this process closes, so
 * it dies with us even when we are killed without running exit hooks; and it exits at once on SIGTERM (in-memory
 * data needs no graceful close, which would wait for the SDK's keep-alive sockets).
 */
const PREAMBLE = [
  "process.on('disconnect', () => process.exit(0));",
  "process.once('SIGTERM', () => process.exit(0));",
  'require(process.argv[1]);',
].join(' ');

const waitForExit = (child: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

const killByPid = async (child: ChildProcess): Promise<void> => {
  running.delete(child);
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitForExit(child, 3000)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  await waitForExit(child, 3000);
};

/** Starts an in-memory Azurite blob service on a free loopback port; resolves once it accepts requests. */
export const startAzurite = async (): Promise<AzuriteHandle> => {
  installExitHook();
  const args = [
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--inMemoryPersistence',
    '--silent',
  ];
  const child = spawn(process.execPath, ['-e', PREAMBLE, azuriteBlobBin(), ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);

  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  const address = await new Promise<string>((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      reject(new Error(`${message}\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail('azurite did not start within 30 s'), START_TIMEOUT_MS);
    const onReady = () => {
      const match = READY.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData).on('data', onReady);
    child.stderr?.on('data', onData);
    child.once('error', (error) => fail(`azurite failed to spawn: ${error.message}`));
    child.once('exit', (code, signal) => fail(`azurite exited early (code ${code}, signal ${signal})`));
  }).catch(async (error: unknown) => {
    await killByPid(child);
    throw error;
  });

  // Stop collecting, but keep draining so a full pipe never blocks the child.
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  const blobEndpoint = `${address}/${ACCOUNT_NAME}`;
  const pid = child.pid ?? -1;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT_NAME};AccountKey=${ACCOUNT_KEY};BlobEndpoint=${blobEndpoint};`,
    blobEndpoint,
    pid,
    stop: () => killByPid(child),
  };
};
