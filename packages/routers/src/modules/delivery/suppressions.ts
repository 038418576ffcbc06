import { createHmac } from 'node:crypto';
import type { Clock } from '@bytelyst/db/document-store';
import { z } from 'zod';
import { AppError } from '../../app-error';
import { safeEqual } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { PreferencesService } from '../notifications/preferences-service';
import { type TNotificationType, ZNotificationType } from '../notifications/schema';
import type { DeliveryRepository, SuppressionDoc } from './repository';
import type { TSuppression } from './schema';

const invalidToken = (message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path: 'token', message }] });

/**
 * Who gets no more non-transactional mail: the suppression list (bounces, drops, spam reports, one-click
 * unsubscribes of addresses without an account) and the signed one-click links that lead onto it, or to a
 * user's preferences.
 */
export const createSuppressions = (deps: {
  repo: DeliveryRepository;
  clock: Clock;
  preferences: Pick<PreferencesService, 'update'>;
  /** Signs unsubscribe links. */
  secret: string;
  /** The API's origin; links are made only when it is https (RFC 8058; Gmail and Yahoo ignore others). */
  publicBaseUrl: string | undefined;
}) => {
  const { repo, clock } = deps;
  const sign = (payload: string) =>
    createHmac('sha256', `${deps.secret}:delivery-unsubscribe`).update(payload).digest('base64url');

  const readToken = (token: string) => {
    const [payload = '', signature = ''] = token.split('.');
    if (!payload || !signature || !safeEqual(sign(payload), signature)) {
      throw invalidToken('This unsubscribe link is not valid');
    }
    return z
      .object({ p: z.string(), r: z.string(), c: ZNotificationType })
      .parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  };

  const add = async (
    productId: string,
    email: string,
    reason: SuppressionDoc['reason'],
    detail: string | null,
    deliveryId: string | null,
  ) => {
    const id = email.toLowerCase();
    if (await repo.suppressions.get(productId, id)) return;
    await repo.suppressions.upsert({
      id,
      productId,
      email: id,
      reason,
      detail,
      deliveryId,
      createdAt: isoNow(clock),
    });
  };

  return {
    /** A one-click link that needs no sign-in: the product, the recipient and the category, signed. */
    unsubscribeUrl(productId: string, recipient: string, category: TNotificationType) {
      if (!deps.publicBaseUrl?.startsWith('https://')) return undefined;
      const payload = Buffer.from(JSON.stringify({ p: productId, r: recipient, c: category })).toString(
        'base64url',
      );
      return `${deps.publicBaseUrl.replace(/\/$/, '')}/v1/delivery/unsubscribe?token=${payload}.${sign(payload)}`;
    },
    isSuppressed: async (productId: string, email: string) =>
      (await repo.suppressions.get(productId, email.toLowerCase())) !== undefined,
    addSuppression: add,
    async suppressions(productId: string, limit: number, cursor?: string) {
      const page = await repo.suppressions.list(productId, limit, cursor);
      return {
        items: page.items.map(
          (doc): TSuppression => ({
            email: doc.email,
            reason: doc.reason,
            detail: doc.detail,
            deliveryId: doc.deliveryId,
            createdAt: doc.createdAt,
          }),
        ),
        nextCursor: page.continuation,
      };
    },
    async removeSuppression(productId: string, email: string) {
      const deleted = await repo.suppressions.delete(productId, email.toLowerCase());
      if (!deleted) throw new AppError('NOT_FOUND', `${email} is not suppressed`);
      return { deleted };
    },
    /**
     * One-click unsubscribe (RFC 8058): a user's link turns that category's email off in their preferences; an
     * address without an account is suppressed. Answers the same for a repeated click.
     */
    async unsubscribe(token: string) {
      const { p: productId, r: recipient, c: category } = readToken(token);
      if (category === 'security') throw invalidToken('Security notices cannot be unsubscribed from');
      if (recipient.startsWith('user:')) {
        await deps.preferences.update(productId, recipient.slice('user:'.length), {
          preferences: { [category]: { email: false } },
        });
      } else {
        await add(productId, recipient, 'unsubscribed', `one-click (${category})`, null);
      }
      return { productId, category };
    },
  };
};

export type Suppressions = ReturnType<typeof createSuppressions>;
