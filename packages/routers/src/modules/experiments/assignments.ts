import type { Clock, Stored } from '@bytelyst/db/document-store';
import { isoNow } from '../../lib/time';
import { createTtlCache } from '../../lib/ttl-cache';
import { prepareSubject } from '../flags/evaluate';
import { FLAG_PLATFORMS, type TPlatform } from '../flags/schema';
import type { TAssignInput, TAssignment } from './assign-schema';
import { type CompiledExperiment, compileExperiment, decide, type Unit } from './assignment';
import type { ExperimentDoc, ExperimentsRepository, ExposureDoc, StickyDoc } from './repository';
import { unitId } from './repository';

/** A compiled running experiment and the key its sticky assignments are stored under. */
type Running = { compiled: CompiledExperiment; stickyKey: string };

export const stickyKeyOf = (doc: Pick<ExperimentDoc, 'id' | 'revision'>) => `${doc.id}@${doc.revision}`;

const compileRunning = (doc: ExperimentDoc): Running => ({
  compiled: compileExperiment(doc),
  stickyKey: stickyKeyOf(doc),
});

const isPlatform = (value: unknown): value is TPlatform =>
  typeof value === 'string' && (FLAG_PLATFORMS as readonly string[]).includes(value);

/**
 * The client's assignment call: every running experiment the unit is targeted by, decided as the GrowthBook SDK
 * decides it, the first assignment kept (sticky) and its exposure recorded once. A product's running
 * experiments are compiled and kept in memory for `ttlMs`; this instance's own writes drop them at once.
 */
export const createAssignments = (deps: { repo: ExperimentsRepository; clock: Clock; ttlMs: number }) => {
  const { repo, clock } = deps;
  const cache = createTtlCache<Running[]>({ ttlMs: deps.ttlMs, clock, maxEntries: 1000 });

  const running = async (productId: string): Promise<Running[]> => {
    const hit = cache.get(productId);
    if (hit) return hit;
    const docs = await repo.experiments.inStatus(productId, ['running']);
    const compiled = docs.sort((a, b) => a.id.localeCompare(b.id)).map(compileRunning);
    cache.set(productId, compiled);
    return compiled;
  };

  /**
   * Merges an anonymous device into the user who signed in on it: where the experiment hashes on the device,
   * its exposure gets the user's id (so the user's events and usage count for it); where it hashes on the user
   * with the device as fallback, the user keeps the device's variation and the device's exposure is marked as
   * merged into the user's (one unit, counted once). Idempotent; a no-op once the pair is linked.
   */
  const mergeDevice = async (productId: string, userId: string, deviceId: string): Promise<number> => {
    const device = await repo.sticky.get(productId, 'deviceId', deviceId);
    if (!device || device.linkedUserId === userId) return 0;
    const experiments = await repo.experiments.inStatus(productId, ['running', 'paused', 'concluded']);
    const deviceUnit = unitId('deviceId', deviceId);
    const userUnit = unitId('userId', userId);
    const entries: Record<string, number> = {};
    const moved = new Map<string, ExposureDoc>();
    let merged = 0;
    for (const e of experiments) {
      const key = stickyKeyOf(e);
      const variation = device.assignments[key];
      if (variation === undefined) continue;
      if (e.hashAttribute === 'deviceId') {
        await repo.exposures.mutate(productId, e.id, deviceUnit, (x) =>
          x.userId === userId ? null : { ...x, userId },
        );
        merged += 1;
      } else if (
        e.hashAttribute === 'userId' &&
        e.fallbackAttribute === 'deviceId' &&
        e.status !== 'concluded'
      ) {
        const exposure = await repo.exposures.get(productId, e.id, deviceUnit);
        entries[key] = variation;
        if (exposure && exposure.mergedInto === null) moved.set(key, exposure);
      }
    }
    if (Object.keys(entries).length > 0) {
      await repo.sticky.add(
        productId,
        { attribute: 'userId', value: userId },
        entries,
        (added, assignments) =>
          added.flatMap((key) => {
            const from = moved.get(key);
            const variationIndex = assignments[key];
            if (!from || variationIndex === undefined) return [];
            return [
              {
                ...from,
                id: userUnit,
                hashAttribute: 'userId',
                hashValue: userId,
                variationIndex,
                userId,
                deviceId,
                mergedInto: null,
              },
            ];
          }),
        isoNow(clock),
      );
      for (const from of moved.values()) {
        await repo.exposures.mutate(productId, from.experimentId, deviceUnit, (x) =>
          x.mergedInto === userUnit ? null : { ...x, mergedInto: userUnit, userId },
        );
        merged += 1;
      }
    }
    await repo.sticky.link(productId, 'deviceId', deviceId, userId);
    return merged;
  };

  const assign = async (
    productId: string,
    input: Omit<TAssignInput, 'userId'> & { userId: string | null },
  ): Promise<{ assignments: TAssignment[]; assignedAt: string }> => {
    const deviceId = input.deviceId ?? null;
    const { userId } = input;
    const attributes: Unit['attributes'] = {
      ...input.attributes,
      ...(userId ? { userId } : {}),
      ...(deviceId ? { deviceId } : {}),
    };
    const platform = attributes.platform;
    const appVersion = attributes.appVersion;
    const unit: Unit = {
      attributes,
      subject: prepareSubject({
        userId,
        deviceId,
        platform: isPlatform(platform) ? platform : null,
        appVersion: typeof appVersion === 'string' ? appVersion : null,
      }),
    };
    const experiments = await running(productId);
    const now = isoNow(clock);
    if (experiments.length === 0) return { assignments: [], assignedAt: now };
    if (userId && deviceId) {
      const device = await repo.sticky.get(productId, 'deviceId', deviceId);
      if (device && device.linkedUserId !== userId) await mergeDevice(productId, userId, deviceId);
    }

    // One sticky document per attribute the experiments hash on (GrowthBook's sticky-bucket documents).
    const docs = new Map<string, Stored<StickyDoc> | undefined>();
    const names = new Set<string>();
    for (const { compiled } of experiments) {
      names.add(compiled.hashAttribute);
      if (compiled.fallbackAttribute) names.add(compiled.fallbackAttribute);
    }
    await Promise.all(
      [...names].map(async (name) => {
        const value = attributes[name];
        if (value) docs.set(name, await repo.sticky.get(productId, name, String(value)));
      }),
    );

    const decisions = experiments.map(({ compiled, stickyKey }) => {
      const own = docs.get(compiled.hashAttribute)?.assignments[stickyKey];
      const fallback = compiled.fallbackAttribute
        ? docs.get(compiled.fallbackAttribute)?.assignments[stickyKey]
        : undefined;
      return { compiled, stickyKey, decision: decide(compiled, unit, own ?? fallback) };
    });

    // New assignments, grouped by the unit document they belong to; each commits with its exposures.
    const pending = new Map<
      string,
      { value: string; entries: Record<string, number>; ids: Map<string, string> }
    >();
    for (const { compiled, stickyKey, decision } of decisions) {
      if (decision.kind !== 'assigned') continue;
      if (docs.get(decision.hashAttribute)?.assignments[stickyKey] !== undefined) continue;
      const group = pending.get(decision.hashAttribute) ?? {
        value: decision.hashValue,
        entries: {},
        ids: new Map<string, string>(),
      };
      group.entries[stickyKey] = decision.variationIndex;
      group.ids.set(stickyKey, compiled.id);
      pending.set(decision.hashAttribute, group);
    }
    await Promise.all(
      [...pending.entries()].map(async ([attribute, group]) => {
        const stored = await repo.sticky.add(
          productId,
          { attribute, value: group.value },
          group.entries,
          (added, assignments) =>
            added.flatMap((key): ExposureDoc[] => {
              const experimentId = group.ids.get(key);
              const variationIndex = assignments[key];
              if (experimentId === undefined || variationIndex === undefined) return [];
              return [
                {
                  id: unitId(attribute, group.value),
                  productId,
                  experimentId,
                  hashAttribute: attribute,
                  hashValue: group.value,
                  variationIndex,
                  userId,
                  deviceId,
                  firstExposureAt: now,
                  mergedInto: null,
                },
              ];
            }),
          now,
        );
        docs.set(attribute, stored);
      }),
    );

    const assignments: TAssignment[] = [];
    for (const { compiled, stickyKey, decision } of decisions) {
      if (decision.kind === 'untargeted') continue;
      // A concurrent call may have stored another variation first: the stored one is the answer.
      const stored =
        decision.kind === 'assigned' ? docs.get(decision.hashAttribute)?.assignments[stickyKey] : undefined;
      const index =
        decision.kind === 'excluded' ? 0 : stored !== undefined ? stored : decision.variationIndex;
      assignments.push({
        experimentKey: compiled.key,
        variationIndex: index,
        variationKey: compiled.variationKeys[index] ?? String(index),
        inExperiment: decision.kind !== 'excluded',
        hashAttribute: decision.hashAttribute,
        hashValue: decision.hashValue,
      });
    }
    return { assignments, assignedAt: now };
  };

  return {
    assign,
    mergeDevice,
    /** Drops the product's compiled experiments after a write on this instance. */
    invalidate: (productId: string) => cache.delete(productId),
  };
};

export type Assignments = ReturnType<typeof createAssignments>;
