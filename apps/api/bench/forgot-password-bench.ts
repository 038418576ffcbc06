/**
 * `tsx bench/forgot-password-bench.ts`: does POST /v1/auth/forgot-password take as long for an address that has
 * an account as for one that has none? The real server on sqlite in a temp folder, listening on 127.0.0.1;
 * requests one at a time over HTTP (keep-alive), known and unknown addresses shuffled together so both meet the
 * same background work (the mails of earlier known requests). Each known and each unknown address is asked for
 * the same number of times, so the per-address limit treats both alike; every request comes from its own
 * X-Forwarded-For, so the per-client limit stays out of it.
 *
 * Prints, per round and overall, the median and p95 answer time of each kind and their difference, beside the
 * run-to-run noise: how far the medians of one kind move between rounds, and the A/A difference (two random
 * halves of the unknown requests of a round, compared the same way). Reports only; never fails on a figure.
 *
 * BENCH_ROUNDS (default 5), BENCH_REQUESTS (per round, half of each kind; default 200), BENCH_LOG_LEVEL (info).
 */
import type { AddressInfo } from 'node:net';
import { buildServer } from '../src/server';
import { createTestServer } from '../src/testing/server';
import { runBench } from './run-bench';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 200);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
/** Uses of each address over the whole run: within the per-address limit (3 an hour) so every one mails. */
const USES_PER_ADDRESS = 3;

type Kind = 'known' | 'unknown';
type Sample = { kind: Kind; ms: number };

const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low);
};
const median = (values: readonly number[]) => quantile(values, 0.5);
const of = (samples: readonly Sample[], kind: Kind) =>
  samples.filter((s) => s.kind === kind).map((s) => s.ms);

const shuffle = <T>(items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
};

const main = async () => {
  const base = await createTestServer({ env: { LOG_LEVEL, DELIVERY_QUIET_HOURS: 'off' } });
  await base.app.close();
  const app = buildServer({
    env: base.env,
    store: base.store,
    blob: base.blob,
    clock: Date.now,
    services: base.services,
    logStream: { write: () => undefined },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/auth/forgot-password`;
  const productId = base.env.DEFAULT_PRODUCT_ID;

  const perKind = Math.ceil((ROUNDS * PER_ROUND) / 2 / USES_PER_ADDRESS);
  process.stdout.write(`\nCreating ${perKind} accounts...`);
  const known: string[] = [];
  for (let i = 0; i < perKind; i += 1) {
    const email = `known-${i}@bench.test`;
    await base.services.users.create(productId, {
      email,
      name: `Known ${i}`,
      password: 'bench-password-not-common',
      roles: ['user'],
    });
    known.push(email);
  }
  const unknown = known.map((_, i) => `unknown-${i}@bench.test`);
  process.stdout.write(' done.\n');

  let client = 0;
  const ask = async (email: string): Promise<number> => {
    client += 1;
    const started = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`,
      },
      body: JSON.stringify({ email }),
    });
    await res.text();
    const ms = performance.now() - started;
    if (res.status !== 202) throw new Error(`forgot-password answered ${res.status}`);
    return ms;
  };

  // Warm-up: addresses of neither kind, so no counted address spends a use.
  for (let i = 0; i < 50; i += 1) await ask(`warm-up-${i}@bench.test`);

  let nextUse = 0;
  const rounds: Sample[][] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const plan: { kind: Kind; email: string }[] = [];
    for (let i = 0; i < PER_ROUND / 2; i += 1) {
      const index = nextUse % perKind;
      nextUse += 1;
      plan.push(
        { kind: 'known', email: known[index] ?? '' },
        { kind: 'unknown', email: unknown[index] ?? '' },
      );
    }
    const samples: Sample[] = [];
    for (const { kind, email } of shuffle(plan)) samples.push({ kind, ms: await ask(email) });
    rounds.push(samples);
  }
  await base.services.bus.drain();
  const mailed = await base.store
    .container('delivery_log')
    .count({ where: { template: { eq: 'password-reset' } } });

  const rows: string[][] = [];
  const diffs: number[] = [];
  const aaDiffs: number[] = [];
  const knownMedians: number[] = [];
  const unknownMedians: number[] = [];
  rounds.forEach((samples, index) => {
    const k = of(samples, 'known');
    const u = of(samples, 'unknown');
    const halves = shuffle([...u]);
    const aa = median(halves.slice(0, halves.length / 2)) - median(halves.slice(halves.length / 2));
    diffs.push(median(k) - median(u));
    aaDiffs.push(aa);
    knownMedians.push(median(k));
    unknownMedians.push(median(u));
    rows.push([
      `round ${index + 1}`,
      median(k).toFixed(3),
      quantile(k, 0.95).toFixed(3),
      median(u).toFixed(3),
      quantile(u, 0.95).toFixed(3),
      (median(k) - median(u)).toFixed(3),
      aa.toFixed(3),
    ]);
  });
  const all = rounds.flat();
  const k = of(all, 'known');
  const u = of(all, 'unknown');
  rows.push([
    'all rounds',
    median(k).toFixed(3),
    quantile(k, 0.95).toFixed(3),
    median(u).toFixed(3),
    quantile(u, 0.95).toFixed(3),
    (median(k) - median(u)).toFixed(3),
    '',
  ]);

  const header = ['', 'known p50', 'known p95', 'unknown p50', 'unknown p95', 'p50 diff', 'A/A diff'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  process.stdout.write(
    `\nforgot-password bench: ${ROUNDS} rounds of ${PER_ROUND} requests (half to accounts, half to no account), ` +
      `one at a time over HTTP, ${base.store.driver}, Node ${process.version}; times in ms\n\n`,
  );
  process.stdout.write(`${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of rows) process.stdout.write(`${format(row)}\n`);

  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  const maxAbs = (values: number[]) => Math.max(...values.map(Math.abs));
  const noise = Math.max(spread(knownMedians), spread(unknownMedians), maxAbs(aaDiffs));
  const overall = median(k) - median(u);
  process.stdout.write(
    `\nknown - unknown, median of all: ${overall.toFixed(3)} ms; per round from ${Math.min(...diffs).toFixed(3)} ` +
      `to ${Math.max(...diffs).toFixed(3)} ms\n` +
      `noise: round-to-round spread of the medians ${spread(knownMedians).toFixed(3)} ms (known), ` +
      `${spread(unknownMedians).toFixed(3)} ms (unknown); largest A/A difference ${maxAbs(aaDiffs).toFixed(3)} ms\n` +
      `difference ${Math.abs(overall) < noise ? 'within' : 'BEYOND'} the noise (${noise.toFixed(3)} ms); ` +
      `reset mails: ${mailed} for ${k.length} requests to accounts (each should mail)\n\n`,
  );

  await app.close();
  await base.close();
};

runBench(main);
