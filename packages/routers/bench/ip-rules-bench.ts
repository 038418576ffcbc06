/**
 * IP-rule matching per request with 10,000 rules (BENCH_IP_RULES), IPv4 and IPv6 mixed, against client
 * addresses of which some fall inside a rule and most do not: nanoseconds per lookup (parse + trie walk), next
 * to the same lookups over 100 rules, to show the cost does not grow with the number of rules. Then the whole
 * per-request check of the rate limiter (rules for the procedure, override lookup, sliding-window hit).
 * Run with `npx tsx bench/ip-rules-bench.ts` (part of `pnpm bench`). Reports figures; asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createEnforcer } from '../src/modules/ratelimit/enforcer';
import { buildIpRuleTrie, type IpRuleEntry } from '../src/modules/ratelimit/ip-trie';
import { compileProductRules, effectiveRules } from '../src/modules/ratelimit/product-rules';
import { createMemoryRateLimitStore } from '../src/modules/ratelimit/sliding-window';
import { createRateLimitStats } from '../src/modules/ratelimit/stats';

const RULES = Number(process.env.BENCH_IP_RULES ?? 10_000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 2_000_000);

/** xorshift32: a fixed sequence, so runs compare. */
let seed = 2463534242;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed;
};
const v4 = () => [random() % 256, random() % 256, random() % 256, random() % 256].join('.');
const hex = () => (random() % 65536).toString(16);
const v6 = () => `2001:db8:${hex()}:${hex()}:${hex()}::${hex()}`;

const rulesOf = (count: number): IpRuleEntry[] =>
  Array.from({ length: count }, (_, i) => {
    const family6 = i % 4 === 0;
    const prefix = family6 ? 48 + (random() % 81) : [16, 20, 24, 28, 32][random() % 5];
    return {
      id: `r${i}`,
      action: i % 10 === 0 ? 'allow' : 'deny',
      cidr: `${family6 ? v6() : v4()}/${prefix}`,
      expiresAt: i % 50 === 0 ? Date.now() + 3_600_000 : Number.POSITIVE_INFINITY,
    };
  });

/** Client addresses: `inside` of them a rule's own address, the rest random, a fifth of them IPv6. */
const clients = (rules: IpRuleEntry[], count: number, inside = 0.1) =>
  Array.from({ length: count }, (_, i) => {
    if (i % Math.round(1 / inside) === 0)
      return (rules[random() % rules.length]?.cidr ?? '').split('/')[0] ?? '';
    return i % 5 === 0 ? v6() : v4();
  });

const measure = (label: string, rules: IpRuleEntry[], inside = 0.1) => {
  const built = performance.now();
  const trie = buildIpRuleTrie(rules);
  const buildMs = performance.now() - built;
  const addresses = clients(rules, 10_000, inside);
  const now = Date.now();
  let hits = 0;
  for (let i = 0; i < 200_000; i += 1) if (trie.match(addresses[i % addresses.length] ?? '', now)) hits += 1;
  hits = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < LOOKUPS; i += 1) if (trie.match(addresses[i % addresses.length] ?? '', now)) hits += 1;
  const ns = Number(process.hrtime.bigint() - start) / LOOKUPS;
  process.stdout.write(
    `${label.padEnd(24)} ${ns.toFixed(0).padStart(6)} ns per lookup  (${trie.size} rules, built in ${buildMs.toFixed(0)} ms, ` +
      `${((hits / LOOKUPS) * 100).toFixed(1)} % of lookups matched)\n`,
  );
  return ns;
};

const main = () => {
  process.stdout.write(
    `\nIP rules: ${LOOKUPS.toLocaleString()} lookups per row, Node ${process.version}, ` +
      `load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores\n\n`,
  );
  const large = measure(`${RULES.toLocaleString()} rules`, rulesOf(RULES));
  const small = measure('100 rules', rulesOf(100));
  // Every address a rule's own: each lookup walks to the rule's depth (the longest walks there are).
  const deepLarge = measure(`${RULES.toLocaleString()} rules, all inside`, rulesOf(RULES), 1);
  const deepSmall = measure('100 rules, all inside', rulesOf(100), 1);
  process.stdout.write(
    `\nratio ${RULES.toLocaleString()} / 100 rules: ${(large / small).toFixed(2)} (mixed clients), ` +
      `${(deepLarge / deepSmall).toFixed(2)} (all inside a rule). A lookup walks at most 32 (IPv4) or 128 ` +
      'nodes whatever the number of rules; what differs is cache misses in the larger trie.\n\n',
  );

  // The rate limiter's per-request work for a covered procedure, with the default rules and 10,000 IP rules.
  const state = compileProductRules('bench', effectiveRules([]), [], rulesOf(RULES));
  const stats = createRateLimitStats(Date.now);
  const enforcer = createEnforcer({ store: createMemoryRateLimitStore(), stats, clock: Date.now });
  const login = { name: 'auth.login', rest: 'POST /v1/auth/login' };
  const other = { name: 'products.getCurrent', rest: 'GET /v1/products/current' };
  const addresses = clients(rulesOf(1000), 50_000);
  const rounds = 1_000_000;
  for (const [label, operation] of [
    ['covered (auth.login)', login],
    ['no rule (products.getCurrent)', other],
  ] as const) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i += 1) {
      const ip = addresses[i % addresses.length] ?? '';
      enforcer.ipVerdict(state, ip);
      enforcer.limit(state, [operation], { ip });
    }
    const ns = Number(process.hrtime.bigint() - start) / rounds;
    process.stdout.write(`IP verdict + rate-limit check, ${label}: ${ns.toFixed(0)} ns per request\n`);
  }
};

main();
