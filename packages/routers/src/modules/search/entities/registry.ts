import type { AuditService } from '../../audit/service';
import type { ChangelogService } from '../../changelog/service';
import type { DocsService } from '../../docs/service';
import type { FeedbackService } from '../../feedback/service';
import type { MemoryService } from '../../memory/service';
import type { ItemsService } from '../../tracker/items/service';
import type { UsersService } from '../../users/service';
import { auditEntity } from './audit';
import { changelogEntity } from './changelog';
import { docEntity } from './docs';
import type { AnySearchEntity } from './entity';
import { feedbackEntity } from './feedback';
import { memoryEntity } from './memory';
import { trackerItemEntity } from './tracker-items';
import { userEntity } from './users';

export type EntityNeeds = {
  users: UsersService;
  tracker: { items: ItemsService };
  audit: AuditService;
  feedback: FeedbackService;
  changelog: ChangelogService;
  memory: MemoryService;
  docs: DocsService;
};

/** Every searchable type, in the order result groups are listed when they rank alike. */
export const createSearchEntities = (needs: EntityNeeds): readonly AnySearchEntity[] => [
  userEntity(needs.users),
  trackerItemEntity(needs.tracker.items),
  auditEntity(needs.audit),
  feedbackEntity(needs.feedback),
  changelogEntity(needs.changelog),
  memoryEntity(needs.memory),
  docEntity(needs.docs),
];
