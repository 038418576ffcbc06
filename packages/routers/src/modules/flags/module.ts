import type { ModuleDeps } from '../../module-deps';
import { createFlagEvaluation } from './evaluation';
import { createFlagsRepository } from './repository';
import { createFlagsService } from './service';

/** How long an instance serves a product's flags from memory; its own writes drop the copy at once. */
export const FLAG_CACHE_TTL_MS = 5_000;

/** Feature flags: admin CRUD and toggle, and the client evaluate call (FNV-1a percentage rollout). */
export const createFlagsModule = (deps: ModuleDeps) => {
  const repo = createFlagsRepository(deps.store);
  const evaluation = createFlagEvaluation({ repo, clock: deps.clock, ttlMs: FLAG_CACHE_TTL_MS });
  const service = createFlagsService({ repo, clock: deps.clock, bus: deps.bus, evaluation });
  return { ...service, evaluate: evaluation.evaluate, explain: evaluation.explain };
};

export type FlagsModule = ReturnType<typeof createFlagsModule>;
