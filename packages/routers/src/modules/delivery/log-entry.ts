/** A delivery log entry's id, status moves and the views the API gives of it. */

import { randomId } from '../../lib/crypto';
import type { DeliveryDoc } from './repository';
import {
  STATUS_RANK,
  type TDeliveryChannel,
  type TDeliveryDetail,
  type TDeliveryStatus,
  type TDeliverySummary,
} from './schema';

export const monthOf = (iso: string) => iso.slice(0, 7).replace('-', '');

export const newDeliveryId = (channel: TDeliveryChannel, at: string) =>
  `dlv_${channel === 'email' ? 'e' : 'p'}${monthOf(at)}_${randomId(12)}`;

export const toSummary = (doc: DeliveryDoc): TDeliverySummary => ({
  id: doc.id,
  productId: doc.productId,
  channel: doc.channel,
  userId: doc.userId,
  to: doc.to,
  template: doc.template,
  category: doc.category,
  transactional: doc.transactional,
  status: doc.status,
  provider: doc.provider,
  test: doc.test,
  error: doc.error,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

export const toDetail = (doc: DeliveryDoc): TDeliveryDetail => ({
  ...toSummary(doc),
  providerMessageId: doc.providerMessageId,
  fellBackFrom: doc.fellBackFrom,
  providerResponse: doc.providerResponse,
  holdUntil: doc.holdUntil,
  holdReason: doc.holdReason,
  attempts: doc.attempts,
  subject: doc.subject,
  html: doc.html,
  text: doc.text,
  push: doc.push,
  timeline: doc.timeline.map(({ status, at, detail }) => ({ status, at, detail })),
  causedBy: doc.eventId ? { eventId: doc.eventId, subscriber: doc.eventSubscriber ?? '' } : null,
});

/** Moves an entry to `status` unless it already reached a higher one; the timeline records it either way. */
export const withStatus = (
  doc: DeliveryDoc,
  status: TDeliveryStatus,
  at: string,
  detail: string | null,
  ref?: string,
): DeliveryDoc => {
  const raise = STATUS_RANK[status] > STATUS_RANK[doc.status];
  return {
    ...doc,
    status: raise ? status : doc.status,
    statusTimes: { ...doc.statusTimes, [status]: doc.statusTimes[status] ?? at },
    timeline: [...doc.timeline, { status, at, detail, ...(ref ? { ref } : {}) }].slice(-50),
    updatedAt: at,
  };
};
