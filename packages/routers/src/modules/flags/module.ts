import { defineModule } from '../../module';
import { FLAGS_CONTAINERS } from './containers';
import { createFlagEvaluation } from './evaluation';
import { createFlagsRepository } from './repository';
import { createFlagsService } from './service';

/** How long an instance serves a product's flags from memory; its own writes drop the copy at once. */
export const FLAG_CACHE_TTL_MS = 5_000;

/** Feature flags: admin CRUD and toggle, and the client evaluate call (FNV-1a percentage rollout). */
export const flagsModule = defineModule({
  name: 'flags',
  containers: FLAGS_CONTAINERS,
  create: ({ store, clock, bus }) => {
    const repo = createFlagsRepository(store);
    const evaluation = createFlagEvaluation({ repo, clock, ttlMs: FLAG_CACHE_TTL_MS });
    const service = createFlagsService({ repo, clock, bus, evaluation });
    return { service: { ...service, evaluate: evaluation.evaluate, explain: evaluation.explain } };
  },
});
