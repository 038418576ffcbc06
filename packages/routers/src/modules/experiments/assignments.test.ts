import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError } from '../../testing/expect-error';
import { defineTestMetrics, experimentInput } from '../../testing/experiments';
import { createTestHarness, TEST_PASSWORD, type TestHarness } from '../../testing/harness';
import { compileExperiment, decide } from './assignment';
import { EXPERIMENT_CONTAINERS } from './containers';
import type { ExposureDoc } from './repository';

type Caller = Awaited<ReturnType<TestHarness['signIn']>>['caller'];
const PRODUCT = 'platform';

describe('experiments: assignment, stickiness, exposures and the anonymous merge', () => {
  let h: TestHarness;
  let admin: Caller;
  let api: Caller;

  /** Every exposure of one experiment, as stored. */
  const exposures = async (experimentId: string): Promise<ExposureDoc[]> => {
    const page = await h.store
      .container<ExposureDoc>(EXPERIMENT_CONTAINERS.experimentExposures.name)
      .query({ partitionKey: `${PRODUCT}:${experimentId}`, limit: 1000 });
    return page.items;
  };
  const assignUser = (userId: string, attributes: Record<string, string> = {}) =>
    api.experiments.assign({ userId, attributes });

  beforeAll(async () => {
    h = await createTestHarness();
    admin = (await h.signIn(['admin'])).caller;
    // A server-side SDK: an admin API token may name the user it assigns.
    const token = await admin.tokens.create({ name: 'sdk', role: 'admin' });
    api = (await import('../../root')).createCaller(await h.contextFor({ bearer: token.token }));
    await defineTestMetrics(admin);
  });
  afterAll(async () => h.close());

  it('keeps the first assignment when weights and coverage change, and records one exposure per unit', async () => {
    await admin.experiments.create(experimentInput('sticky'));
    await admin.experiments.start({ id: 'sticky' });
    const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
    const first = new Map<string, number>();
    for (const u of users) {
      const { assignments } = await assignUser(u);
      expect(assignments).toHaveLength(1);
      const [a] = assignments;
      if (!a) throw new Error('no assignment');
      expect(a).toMatchObject({
        experimentKey: 'sticky',
        inExperiment: true,
        hashAttribute: 'userId',
        hashValue: u,
      });
      expect(a.variationKey).toBe(a.variationIndex === 0 ? 'control' : 'treatment');
      first.set(u, a.variationIndex);
    }
    const firstExposures = await exposures('sticky');
    expect(firstExposures).toHaveLength(users.length);
    const firstTime = new Date(h.clock()).toISOString();

    h.advance(3_600_000);
    await admin.experiments.update({
      id: 'sticky',
      variants: [
        { id: 'control', weight: 5 },
        { id: 'treatment', weight: 95 },
      ],
      coverage: 0.4,
    });
    const fresh = compileExperiment({
      ...(await admin.experiments.get({ id: 'sticky' })),
    });
    let wouldMove = 0;
    for (const u of users) {
      const { assignments } = await assignUser(u);
      expect(assignments[0]).toMatchObject({ variationIndex: first.get(u), inExperiment: true });
      const unsticky = decide(fresh, {
        attributes: { userId: u },
        subject: { userId: u, bucketId: u, platform: null, appVersion: null },
      });
      if (unsticky.kind !== 'assigned' || unsticky.variationIndex !== first.get(u)) wouldMove += 1;
    }
    // Without the sticky records the new weights and coverage would have moved many units.
    expect(wouldMove).toBeGreaterThan(100);
    const again = await exposures('sticky');
    expect(again).toHaveLength(users.length);
    expect(new Set(again.map((x) => x.firstExposureAt))).toEqual(new Set([firstTime]));

    // New units follow the new weights: 40 % coverage, 95 % of it treatment.
    const late = await Promise.all(Array.from({ length: 400 }, (_, i) => assignUser(`late-${i}`)));
    const inExperiment = late.map((r) => r.assignments[0]).filter((a) => a?.inExperiment);
    expect(inExperiment.length).toBeGreaterThan(120);
    expect(inExperiment.length).toBeLessThan(200);
    expect(inExperiment.filter((a) => a?.variationIndex === 1).length / inExperiment.length).toBeGreaterThan(
      0.85,
    );
    expect(await exposures('sticky')).toHaveLength(users.length + inExperiment.length);
  });

  it('answers only the experiments a unit is targeted by; QA users see their forced variant unexposed', async () => {
    await admin.experiments.create(
      experimentInput('ios-only', {
        targetingRules: {
          platforms: ['ios'],
          minAppVersion: '2.0.0',
          maxAppVersion: null,
          includeUserIds: [],
          excludeUserIds: ['excluded-user'],
          percentage: 100,
        },
        forcedVariants: [{ userId: 'qa-ada', variant: 'treatment' }],
      }),
    );
    await admin.experiments.start({ id: 'ios-only' });
    const keys = async (userId: string, attributes: Record<string, string>) =>
      (await assignUser(userId, attributes)).assignments.map((a) => a.experimentKey);
    expect(await keys('u-ios', { platform: 'ios', appVersion: '2.1.0' })).toContain('ios-only');
    expect(await keys('u-android', { platform: 'android', appVersion: '2.1.0' })).not.toContain('ios-only');
    expect(await keys('u-old', { platform: 'ios', appVersion: '1.9.0' })).not.toContain('ios-only');
    expect(await keys('excluded-user', { platform: 'ios', appVersion: '2.1.0' })).not.toContain('ios-only');
    const qa = (await assignUser('qa-ada', { platform: 'web' })).assignments.find(
      (a) => a.experimentKey === 'ios-only',
    );
    expect(qa).toMatchObject({ variationIndex: 1, variationKey: 'treatment', inExperiment: true });
    const ids = (await exposures('ios-only')).map((x) => x.hashValue);
    expect(ids).toEqual(['u-ios']);
  });

  it('keeps experiments of one namespace mutually exclusive', async () => {
    for (const [key, range] of [
      ['ns-left', [0, 0.5]],
      ['ns-right', [0.5, 1]],
    ] as const) {
      await admin.experiments.create(experimentInput(key, { namespace: ['checkout', range[0], range[1]] }));
      await admin.experiments.start({ id: key });
    }
    let left = 0;
    let right = 0;
    for (let i = 0; i < 200; i++) {
      const { assignments } = await assignUser(`ns-${i}`);
      const inLeft = assignments.find((a) => a.experimentKey === 'ns-left')?.inExperiment;
      const inRight = assignments.find((a) => a.experimentKey === 'ns-right')?.inExperiment;
      expect(inLeft && inRight).toBeFalsy();
      if (inLeft) left += 1;
      if (inRight) right += 1;
    }
    expect(left + right).toBe(200);
    expect(left).toBeGreaterThan(60);
    expect(right).toBeGreaterThan(60);
    for (const key of ['ns-left', 'ns-right', 'ios-only', 'sticky'])
      await admin.experiments.pause({ id: key });
  });

  it('assigns anonymous devices and merges them into the user on sign-in', async () => {
    await admin.experiments.create(experimentInput('onboarding-device', { hashAttribute: 'deviceId' }));
    await admin.experiments.create(
      experimentInput('pricing-user', { hashAttribute: 'userId', fallbackAttribute: 'deviceId' }),
    );
    await admin.experiments.create(experimentInput('user-only'));
    for (const key of ['onboarding-device', 'pricing-user', 'user-only'])
      await admin.experiments.start({ id: key });

    const anonymous = await h.anonymous();
    await expectFieldError(() => anonymous.experiments.assign({ userId: 'someone-else' }), 'userId');
    const deviceId = 'device-7f3a';
    const before = await anonymous.experiments.assign({ deviceId });
    const by = (key: string) => before.assignments.find((a) => a.experimentKey === key);
    expect(by('onboarding-device')).toMatchObject({
      inExperiment: true,
      hashAttribute: 'deviceId',
      hashValue: deviceId,
    });
    expect(by('pricing-user')).toMatchObject({
      inExperiment: true,
      hashAttribute: 'deviceId',
      hashValue: deviceId,
    });
    // Hashing on a user id the anonymous unit lacks: reported, not in the experiment (as the SDK does).
    expect(by('user-only')).toMatchObject({ inExperiment: false, hashAttribute: 'userId', hashValue: '' });
    expect(await exposures('user-only')).toEqual([]);

    // Sign in on that device: session.created carries the session whose device id the merge reads.
    const user = await h.services.users.create(PRODUCT, {
      email: 'merge@example.com',
      name: 'Merge',
      password: TEST_PASSWORD,
      roles: ['user'],
    });
    const auth = await h.services.auth.login(
      PRODUCT,
      { email: 'merge@example.com', password: TEST_PASSWORD, deviceId },
      { ip: '127.0.0.1', userAgent: 'vitest' },
    );
    await h.services.bus.drain();

    const [deviceExposure] = await exposures('onboarding-device');
    expect(deviceExposure).toMatchObject({ hashValue: deviceId, userId: user.id, mergedInto: null });
    const pricing = await exposures('pricing-user');
    expect(pricing).toHaveLength(2);
    const fromDevice = pricing.find((x) => x.hashAttribute === 'deviceId');
    const ofUser = pricing.find((x) => x.hashAttribute === 'userId');
    expect(fromDevice?.mergedInto).toBe(`userId:${user.id}`);
    expect(ofUser).toMatchObject({
      hashValue: user.id,
      variationIndex: by('pricing-user')?.variationIndex,
      firstExposureAt: fromDevice?.firstExposureAt,
      mergedInto: null,
    });

    // Signed in, the user keeps the device's variation in the user-hashed experiment, and the device's in the other.
    const signedIn = (await import('../../root')).createCaller(
      await h.contextFor({ bearer: auth.accessToken }),
    );
    const after = await signedIn.experiments.assign({ deviceId, userId: 'ignored-for-users' });
    const now = (key: string) => after.assignments.find((a) => a.experimentKey === key);
    expect(now('pricing-user')).toMatchObject({
      hashAttribute: 'userId',
      hashValue: user.id,
      variationIndex: by('pricing-user')?.variationIndex,
    });
    expect(now('onboarding-device')).toMatchObject({
      hashValue: deviceId,
      variationIndex: by('onboarding-device')?.variationIndex,
    });
    expect(now('user-only')).toMatchObject({ inExperiment: true, hashValue: user.id });
    // Still one counted unit per experiment.
    expect((await exposures('pricing-user')).filter((x) => x.mergedInto === null)).toHaveLength(1);
    expect(await exposures('onboarding-device')).toHaveLength(1);
  });
});
