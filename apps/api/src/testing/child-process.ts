/** API processes for the crash tests: started from a bundle or with tsx, read line by line, killed and awaited. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** A child process whose stdout lines are read one at a time (`next()` resolves null once it has exited). */
export type Child = { proc: ChildProcess; next(): Promise<string | null>; stderr: string[] };

const apiRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles main.ts as the build does, into a fresh folder beside dist/; returns the folder. */
export const bundleApi = async (): Promise<string> => {
  const outdir = await mkdtemp(path.join(apiRoot, '.crash-bundle-'));
  await promisify(execFile)(process.execPath, ['build.mjs', '--outdir', outdir], { cwd: apiRoot });
  return outdir;
};

/** Starts `script`: a .ts file through tsx, a bundled .js file directly. */
export const startChild = (script: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }) => {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const proc = spawn(process.execPath, [...loader, script, ...args], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  proc.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const buffered: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  const reader = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  reader.on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter) waiter(line);
    else buffered.push(line);
  });
  reader.on('close', () => {
    closed = true;
    for (const waiter of waiting.splice(0)) waiter(null);
  });
  const next = () =>
    new Promise<string | null>((resolve) => {
      const line = buffered.shift();
      if (line !== undefined) resolve(line);
      else if (closed) resolve(null);
      else waiting.push(resolve);
    });
  const child: Child = { proc, next, stderr };
  return child;
};

export const waitForLine = async (child: Child, expected: string) => {
  for (let line = await child.next(); line !== null; line = await child.next()) if (line === expected) return;
  throw new Error(`child exited before '${expected}': ${child.stderr.join('')}`);
};

export const exited = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
