/**
 * `POST /v1/experiments/assignments` against the GrowthBook SDK: experiments defined through the REST face
 * (weights in percent, coverage, namespaces, seeds, hash v1 and v2, user, device and anonymous-id hashing), units
 * assigned through the same face, each answer compared with `new GrowthBook({ attributes }).run(...)` for the
 * same definition. This is the whole path a client takes: schema, stored definition, compiled ranges, sticky
 * documents and the response.
 */
import { GrowthBook } from '@growthbook/growthbook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTestMetrics } from '../../testing/experiments';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { restCaller } from '../../testing/rest';
import type { TAssignment } from './assign-schema';
import { EXPERIMENT_CONTAINERS } from './containers';
import type { ExposureDoc } from './repository';

type Definition = {
  key: string;
  weights: number[];
  hashAttribute: string;
  hashVersion: 1 | 2;
  coverage: number;
  seed?: string;
  namespace?: [string, number, number];
};

const DEFINITIONS: Definition[] = [
  { key: 'sdk-checkout', weights: [50, 50], hashAttribute: 'userId', hashVersion: 2, coverage: 1 },
  {
    key: 'sdk-onboarding',
    weights: [20, 30, 50],
    hashAttribute: 'userId',
    hashVersion: 1,
    coverage: 0.6,
    seed: 'onboarding-seed',
  },
  {
    key: 'sdk-pricing',
    weights: [10, 90],
    hashAttribute: 'anonymousId',
    hashVersion: 2,
    coverage: 1,
    namespace: ['pricing', 0.2, 0.7],
  },
  { key: 'sdk-layout', weights: [25, 25, 25, 25], hashAttribute: 'deviceId', hashVersion: 1, coverage: 0.3 },
  {
    key: 'sdk-search',
    weights: [5, 95],
    hashAttribute: 'userId',
    hashVersion: 2,
    coverage: 0.95,
    namespace: ['search', 0, 0.5],
  },
];

/** mulberry32, so a failing unit is the same on every run. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789-_:.@éüß中'];
const UNITS = 120;
/** 120 REST calls, each writing sticky documents and exposures: a minute on the Cosmos-compatible server. */
const HEAVY = { timeout: 300_000 };

describe('POST /v1/experiments/assignments puts units where the GrowthBook SDK does', () => {
  let h: TestHarness;
  let rest: ReturnType<typeof restCaller>;
  let backend = '';

  beforeAll(async () => {
    h = await createTestHarness();
    rest = restCaller(h);
    const admin = await h.signIn(['admin']);
    await defineTestMetrics(admin.caller);
    const bearer = admin.auth.accessToken;
    for (const d of DEFINITIONS) {
      const created = await rest('POST', '/experiments', {
        bearer,
        body: {
          key: d.key,
          name: d.key,
          variants: d.weights.map((weight, i) => ({ id: i === 0 ? 'control' : `treatment-${i}`, weight })),
          primaryMetric: 'purchase',
          hashAttribute: d.hashAttribute,
          hashVersion: d.hashVersion,
          coverage: d.coverage,
          ...(d.seed ? { seed: d.seed } : {}),
          ...(d.namespace ? { namespace: d.namespace } : {}),
        },
      });
      expect(created.status, await created.clone().text()).toBe(200);
      expect((await rest('POST', `/experiments/${d.key}/start`, { bearer, body: {} })).status).toBe(200);
    }
    // A product backend's token may name the user it assigns (a signed-in user is always themself).
    backend = (await admin.caller.tokens.create({ name: 'sdk-oracle' })).token;
  }, 60_000);
  afterAll(async () => h.close());

  it(
    'gives every unit the SDK variation, hash attribute and value in all five experiments',
    HEAVY,
    async () => {
      const random = seeded(16);
      const units: string[] = [];
      const text = (length: number) =>
        Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
      // Units in each experiment by hash value: a short random id may come up twice and is still one unit.
      const included = new Map<string, Set<string>>(DEFINITIONS.map((d) => [d.key, new Set<string>()]));
      for (let i = 0; i < UNITS; i++) {
        const userId = i % 5 === 0 ? `usr_${i}` : text(1 + Math.floor(random() * 20));
        units.push(userId);
        const deviceId = `dev-${text(10)}`;
        const attributes: Record<string, string> = i % 4 === 0 ? {} : { anonymousId: text(16) };
        const res = await rest('POST', '/experiments/assignments', {
          bearer: backend,
          body: { userId, deviceId, attributes },
        });
        expect(res.status).toBe(200);
        const { assignments } = (await res.json()) as { assignments: TAssignment[] };
        const sdkAttributes = { ...attributes, userId, deviceId };
        for (const d of DEFINITIONS) {
          const label = `${d.key} ${JSON.stringify(sdkAttributes)}`;
          const gb = new GrowthBook({ attributes: sdkAttributes }).run({
            key: d.key,
            variations: d.weights.map((_, v) => (v === 0 ? 'control' : `treatment-${v}`)) as [
              string,
              string,
              ...string[],
            ],
            weights: d.weights.map((w) => w / 100),
            coverage: d.coverage,
            hashVersion: d.hashVersion,
            hashAttribute: d.hashAttribute,
            ...(d.seed ? { seed: d.seed } : {}),
            ...(d.namespace ? { namespace: d.namespace } : {}),
          });
          // Out of the experiment (coverage, namespace, no anonymousId to hash), both answer control, not in it.
          expect(
            assignments.find((a) => a.experimentKey === d.key),
            label,
          ).toEqual({
            experimentKey: d.key,
            variationIndex: gb.inExperiment ? gb.variationId : 0,
            variationKey: gb.value,
            inExperiment: gb.inExperiment,
            hashAttribute: gb.hashAttribute,
            hashValue: String(gb.hashValue),
          });
          if (gb.inExperiment) included.get(d.key)?.add(String(gb.hashValue));
        }
      }
      // Coverage and namespaces leave units out, but every experiment holds many: no comparison is vacuous.
      const distinct = new Set(units).size;
      for (const d of DEFINITIONS) {
        const count = included.get(d.key)?.size ?? 0;
        expect(count, d.key).toBeGreaterThan(UNITS * 0.1);
        if (d.coverage < 1 || d.namespace) expect(count, d.key).toBeLessThan(distinct);
        else expect(count, d.key).toBe(distinct);
      }
      // One exposure per unit in the experiment, none for the units left out.
      const exposures = await h.store
        .container<ExposureDoc>(EXPERIMENT_CONTAINERS.experimentExposures.name)
        .query({ partitionKey: `${h.services.config.defaultProductId}:sdk-onboarding`, limit: 1000 });
      expect(exposures.items.map((x) => x.hashValue).sort()).toEqual(
        [...(included.get('sdk-onboarding') ?? [])].sort(),
      );
    },
  );
});
