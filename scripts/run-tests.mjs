#!/usr/bin/env node
// Runs every check and suite in order (lint, typecheck, vitest projects, build, Playwright), keeps
// going after a failure so the report is complete, and closes with one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = process.env.PNPM ?? 'pnpm';
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };
const failedSteps = [];
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(name, args, extraEnv = {}) {
  process.stdout.write(`\n=== ${name}: ${pnpm} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(pnpm, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  process.stdout.write(
    `=== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s\n`,
  );
  if (!ok) failedSteps.push(name);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Adds a suite's counts; a suite that crashed before reporting counts as one failure. */
function count(name, counts) {
  if (!counts) {
    totals.failed += 1;
    process.stdout.write(`${name}: no report (counted as 1 failed)\n`);
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  process.stdout.write(
    `${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
  );
}

step('lint', ['exec', 'biome', 'check', '.']);
step('typecheck', ['exec', 'turbo', 'run', 'typecheck']);

const vitestReport = join(results, 'vitest.json');
step('unit, router and contract tests', [
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);

const builtOk = step('build', [
  'exec',
  'turbo',
  'run',
  'build',
  '--filter=@bytelyst/api',
  '--filter=@bytelyst/admin',
]);

const playwrightReport = join(results, 'playwright.json');
if (builtOk) {
  step('browser tests', ['exec', 'playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });
}

process.stdout.write('\n=== summary\n');
const vitest = readJson(vitestReport);
count(
  'vitest',
  vitest && {
    passed: vitest.numPassedTests,
    failed: vitest.numFailedTests + (vitest.success === false && vitest.numFailedTests === 0 ? 1 : 0),
    skipped: vitest.numPendingTests + vitest.numTodoTests,
  },
);
const playwright = existsSync(playwrightReport) ? readJson(playwrightReport) : null;
count(
  'playwright',
  playwright && {
    passed: playwright.stats.expected + playwright.stats.flaky,
    failed: playwright.stats.unexpected + (playwright.errors?.length ?? 0),
    skipped: playwright.stats.skipped,
  },
);
if (failedSteps.length > 0) process.stdout.write(`failed steps: ${failedSteps.join(', ')}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failedSteps.length > 0 || totals.failed > 0 ? 1 : 0);
