import { STATUS_CONTAINERS } from '../modules/status/containers';
import type { CheckDoc } from '../modules/status/repository';
import type { TestHarness } from './harness';

/** Takes (or keeps) the job runner's leader lease, then runs one monitor pass: what the leader's timer does. */
export const monitorPass = async (h: TestHarness) => {
  await h.services.jobRunner.tick();
  await h.services.jobRunner.whenIdle();
  return h.services.status.runner.runDue();
};

/** A monitor's recorded checks, oldest first, straight from `service_status`. */
export const checksOf = async (h: TestHarness, productId: string, monitorId: string): Promise<CheckDoc[]> => {
  const page = await h.store.container<CheckDoc>(STATUS_CONTAINERS.serviceStatus.name).query({
    partitionKey: productId,
    where: { monitorId: { eq: monitorId } },
    orderBy: [{ field: 'monitorId' }, { field: 'at' }],
    limit: 1000,
  });
  return page.items;
};
