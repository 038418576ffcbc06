import type { Clock } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import { createTtlCache } from '../../lib/ttl-cache';
import {
  type CompiledFlag,
  compileFlag,
  decide,
  evaluateAll,
  isOn,
  prepareSubject,
  type Subject,
} from './evaluate';
import { bucketFromSeed } from './fnv1a';
import type { FlagDoc, FlagsRepository } from './repository';
import type { TEvaluateInput, TExplainInput, TExplainItem, TExplainOutput, TFlagRule } from './schema';

const EXPLANATIONS: Record<TFlagRule, string> = {
  disabled: 'The flag is disabled.',
  excluded: 'The user id is on the exclude list.',
  included: 'The user id is on the include list.',
  platform: "The caller's platform is not one the flag targets.",
  app_version: 'The app version is missing or outside the targeted range.',
  no_subject: 'No user id or device id to bucket on, and the rollout is below 100%.',
  in_rollout: "The caller's bucket is inside the rollout percentage.",
  outside_rollout: "The caller's bucket is outside the rollout percentage.",
};

const explainOne = (flag: CompiledFlag, subject: Subject): TExplainItem => {
  const rule = decide(flag, subject);
  return {
    key: flag.key,
    value: isOn(rule),
    rule,
    subjectId: subject.bucketId,
    bucket: subject.bucketId === null ? null : bucketFromSeed(flag.seed, subject.bucketId),
    threshold: flag.threshold,
    explanation: EXPLANATIONS[rule],
  };
};

/**
 * Evaluation for clients: each product's flags are compiled and kept in memory for `ttlMs` (another instance's
 * writes show up within that window; this instance's writes drop the entry at once).
 */
export const createFlagEvaluation = (deps: { repo: FlagsRepository; clock: Clock; ttlMs: number }) => {
  const cache = createTtlCache<CompiledFlag[]>({ ttlMs: deps.ttlMs, clock: deps.clock, maxEntries: 1000 });
  const inflight = new Map<string, Promise<CompiledFlag[]>>();

  const compiled = async (productId: string): Promise<CompiledFlag[]> => {
    const hit = cache.get(productId);
    if (hit) return hit;
    // One store read per product per expiry, however many requests arrive meanwhile.
    let pending = inflight.get(productId);
    if (!pending) {
      pending = deps.repo
        .all(productId)
        .then((docs) => {
          const flags = docs.map(compileFlag);
          if (inflight.get(productId) === pending) cache.set(productId, flags);
          return flags;
        })
        .finally(() => {
          if (inflight.get(productId) === pending) inflight.delete(productId);
        });
      inflight.set(productId, pending);
    }
    return pending;
  };

  return {
    /** Drops the product's compiled flags (and any load in flight) after a write. */
    invalidate(productId: string): void {
      cache.delete(productId);
      inflight.delete(productId);
    },
    async evaluate(productId: string, input: TEvaluateInput) {
      const flags = await compiled(productId);
      return { flags: evaluateAll(flags, prepareSubject(input)), evaluatedAt: isoNow(deps.clock) };
    },
    /**
     * Which rule decides each flag (or the one named) for the caller described. Reads the store, not the cache,
     * so an admin sees the effect of a write at once.
     */
    async explain(productId: string, input: TExplainInput): Promise<TExplainOutput> {
      const subject = prepareSubject(input);
      let docs: FlagDoc[];
      if (input.key) {
        const doc = await deps.repo.get(productId, input.key);
        if (!doc) throw new AppError('NOT_FOUND', `Flag '${input.key}' not found`);
        docs = [doc];
      } else {
        docs = await deps.repo.all(productId);
      }
      return {
        items: docs.map((doc) => explainOne(compileFlag(doc), subject)),
        evaluatedAt: isoNow(deps.clock),
      };
    },
  };
};

export type FlagEvaluation = ReturnType<typeof createFlagEvaluation>;
