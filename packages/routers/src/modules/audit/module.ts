import { defineModule } from '../../module';
import { auditSubscriber } from './handlers';
import { createAuditRepository } from './repository';
import { createAuditService } from './service';

/** The audit log, written from `admin.action` events. */
export const auditModule = defineModule({
  name: 'audit',
  create: ({ store, clock }) => {
    const service = createAuditService({ repo: createAuditRepository(store), clock });
    return { service, subscribers: [auditSubscriber(service)] };
  },
});
