import type { ContainerDef } from '@bytelyst/db/document-store';

/** The containers this module owns; created at start-up with every other module's (see services.ts). */
export const FEEDBACK_CONTAINERS = {
  /**
   * Feedback entries (`docType: 'feedback'`, newest first under any filter) and, in the same partition, one
   * NPS rollup per ISO week (`docType: 'nps_week'`, id `nps-week:2026-W23`) written in the same transactional
   * batch as each NPS answer, so the dashboard reads one document per week.
   */
  feedback: {
    name: 'feedback',
    partitionKey: ['productId'],
    indexes: [
      ['createdAt'],
      ['type', 'createdAt'],
      ['status', 'createdAt'],
      ['platform', 'createdAt'],
      ['segment', 'createdAt'],
      ['week'],
    ],
  },
} as const satisfies Record<string, ContainerDef>;
