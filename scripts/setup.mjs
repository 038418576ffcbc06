#!/usr/bin/env node
// Entry point of `npm start` and `npm test` on a fresh machine that has only Node 20 and npm:
// installs the pinned pnpm (locally, under .tools/), the workspace dependencies and, for tests,
// Debian's chromium; then builds and starts the platform, or runs every suite.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const localPnpm = join(root, '.tools', 'node_modules', '.bin', 'pnpm');

const env = {
  ...process.env,
  PATH: `${join(root, '.tools', 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  // better-sqlite3 is compiled from source; Node's headers ship with Debian's nodejs under /usr.
  ...(existsSync('/usr/include/node/node.h') && !process.env.npm_config_nodedir
    ? { npm_config_nodedir: '/usr' }
    : {}),
};

const log = (message) => process.stdout.write(`[setup] ${message}\n`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    log(`failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function versionOf(command) {
  const result = spawnSync(command, ['--version'], { env, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function ensurePnpm() {
  if (versionOf('pnpm') === pinned) return 'pnpm';
  if (existsSync(localPnpm) && versionOf(localPnpm) === pinned) return localPnpm;
  log(`installing pnpm ${pinned} into .tools/`);
  run('npm', ['install', '--prefix', join(root, '.tools'), '--no-audit', '--no-fund', `pnpm@${pinned}`]);
  return localPnpm;
}

function ensureDependencies(pnpm) {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing dependencies (pnpm install --frozen-lockfile)');
  run(pnpm, ['install', '--frozen-lockfile']);
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo'];
  log("installing Debian's chromium for the browser tests");
  const apt = (...args) =>
    run(sudo.length ? 'sudo' : 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args]);
  apt('update');
  apt('install', '-y', '--no-install-recommends', 'chromium');
}

function start(pnpm) {
  log('building the API and the console');
  run(pnpm, ['exec', 'turbo', 'run', 'build', '--filter=@bytelyst/api', '--filter=@bytelyst/admin']);
  const children = [
    spawn('node', ['apps/api/dist/main.js'], { cwd: root, env, stdio: 'inherit' }),
    // next directly (not through pnpm), so a stop signal reaches the server itself.
    spawn('node', ['node_modules/next/dist/bin/next', 'start', '-p', '3001', '-H', '127.0.0.1'], {
      cwd: join(root, 'apps', 'admin'),
      env,
      stdio: 'inherit',
    }),
  ];
  const stop = (signal) => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  for (const child of children) {
    child.on('exit', (code) => {
      stop('SIGTERM');
      process.exitCode = code ?? 0;
    });
  }
  log('API on http://127.0.0.1:4003 (docs: /documentation), console on http://127.0.0.1:3001');
}

const mode = process.argv[2];
if (mode !== 'start' && mode !== 'test') {
  log('usage: node scripts/setup.mjs start|test');
  process.exit(2);
}
const pnpm = ensurePnpm();
ensureDependencies(pnpm);
if (mode === 'start') {
  start(pnpm);
} else {
  ensureChromium();
  run('node', ['scripts/run-tests.mjs'], { env: { ...env, PNPM: pnpm } });
}
