import { defineModule } from '../../module';
import type { UsageService } from '../billing/usage/service';
import { MEMORY_CONTAINERS } from './containers';
import { attachmentCleanup, memoryUserErasure, usageRecorder } from './handlers';
import { createMemoryRepository } from './repository';
import { createMemoryService, type MemoryNeeds } from './service';

type Needs = Omit<MemoryNeeds, 'usage'> & { billing: { usage: Pick<UsageService, 'check' | 'record'> } };

/**
 * Memory items, the content of the MindLyst products (roadmap §1.1 memory): a user's notes with tags, a source
 * and an optional file; owners and admins read, change and delete them, admins move one to another user. Each
 * change is an event, so search indexes the items and usage counts them.
 */
export const memoryModule = defineModule({
  name: 'memory',
  containers: MEMORY_CONTAINERS,
  create: ({ store, clock, bus }, needs: Needs) => {
    const repo = createMemoryRepository(store);
    const usage = needs.billing.usage;
    const service = createMemoryService({ repo, clock, bus, needs: { ...needs, usage } });
    return {
      service,
      subscribers: [
        attachmentCleanup({ blobs: needs.blobs }),
        usageRecorder({ usage }),
        memoryUserErasure({ repo, service }),
      ],
    };
  },
});
