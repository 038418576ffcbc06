/**
 * Warm render time per template: our renderEmail against @react-email/render's render().
 * Run with `pnpm --filter @bytelyst/emails bench` (part of `pnpm bench`). Reports figures; asserts nothing.
 *
 * - ours: renderEmail(name, props): zod validation, renderToStaticMarkup + doctype, unstableToPlainText.
 * - peer: the same validation and element, then `await render(element)` and react-email's default
 *   `toPlainText(html)`, the usual react-email way to get both parts.
 * Each figure is the mean over BENCH_RENDERS renders (default 2,000) after 200 warm-up renders, with the
 * 99th percentile beside it; a measurement stops early after BENCH_SECONDS (default 1.5 s) so the whole
 * run stays under a minute on a slow or busy machine. Every render gets props of its own (a different
 * recipient), so nothing can be reused between mails.
 *
 * React runs its production build, as the API does (NODE_ENV=production); its development build checks
 * every element and is several times slower. BENCH_NODE_ENV=development measures that instead.
 */

process.env.NODE_ENV = process.env.BENCH_NODE_ENV ?? 'production';
// React picks its build when first loaded, so everything that imports it loads after the line above.
const { render, toPlainText } = await import('@react-email/render');
const { prepareEmail, renderEmail } = await import('../src/render');
const { TEMPLATE_NAMES, TEMPLATE_PREVIEW_PROPS } = await import('../src/templates');
type TemplateName = (typeof TEMPLATE_NAMES)[number];

const RENDERS = Number(process.env.BENCH_RENDERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);
const WARM_UP = 200;

type Stats = { mean: number; p99: number; count: number };

async function measure(run: (i: number) => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < WARM_UP; i++) await run(i);
  const times: number[] = [];
  const deadline = process.hrtime.bigint() + BigInt(Math.round(SECONDS * 1e9));
  for (let i = 0; i < RENDERS; i++) {
    const start = process.hrtime.bigint();
    await run(i);
    const end = process.hrtime.bigint();
    times.push(Number(end - start) / 1e6);
    if (end > deadline) break;
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  return { mean, p99: sorted[Math.floor(0.99 * (sorted.length - 1))] ?? Number.NaN, count: times.length };
}

/** The preview props with a per-render recipient, so each render has props of its own. */
const propsFor = (name: TemplateName, i: number) => ({
  ...TEMPLATE_PREVIEW_PROPS[name],
  email: `ada+${i}@example.com`,
});

async function peer(name: TemplateName, i: number) {
  const { element } = prepareEmail(name, propsFor(name, i));
  const html = await render(element);
  return { html, text: toPlainText(html) };
}

const cell = (stats: Stats) => `${stats.mean.toFixed(3)} (p99 ${stats.p99.toFixed(3)})`.padEnd(22);

async function main() {
  const started = performance.now();
  console.log(`warm render, ms per email (html + text), NODE_ENV=${process.env.NODE_ENV}`);
  console.log(
    `mean over up to ${RENDERS} renders after ${WARM_UP} warm-up renders, at most ${SECONDS} s each\n`,
  );
  console.log(
    `${'template'.padEnd(19)}${'renderEmail'.padEnd(22)}${'react-email render()'.padEnd(22)}peer/ours  n`,
  );
  const means: number[] = [];
  for (const name of TEMPLATE_NAMES) {
    const ours = await measure((i) => renderEmail(name, propsFor(name, i)));
    const theirs = await measure((i) => peer(name, i));
    means.push(ours.mean);
    const ratio = `${(theirs.mean / ours.mean).toFixed(1)}x`.padEnd(11);
    console.log(`${name.padEnd(19)}${cell(ours)}${cell(theirs)}${ratio}${ours.count}/${theirs.count}`);
  }
  console.log(`\nslowest template: ${Math.max(...means).toFixed(3)} ms (target <= 1 ms)`);
  console.log(`bench took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
