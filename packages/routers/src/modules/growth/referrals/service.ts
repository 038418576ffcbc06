import { type Clock, isStoreError, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../../app-error';
import { randomId } from '../../../lib/crypto';
import { DAY_MS, isoNow } from '../../../lib/time';
import { normalizeCode, randomCode } from '../codes';
import { found } from '../mutated';
import type { ReferralCodeDoc, ReferralDoc, ReferralsRepository } from './repository';
import type { TReferral, TReferralCounts, TReferralListInput, TReferralStatus, TTrackInput } from './schema';

const toReferral = ({ emailLower: _e, ...doc }: ReferralDoc): TReferral => ({
  id: doc.id,
  productId: doc.productId,
  code: doc.code,
  referrerId: doc.referrerId,
  referredId: doc.referredId,
  email: doc.email,
  source: doc.source,
  status: doc.status,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
  signedUpAt: doc.signedUpAt,
  convertedAt: doc.convertedAt,
});

/** Only new users name who referred them; an old account claiming a code would game the referrer's counts. */
export const CLAIM_WINDOW_DAYS = 30;

const unknownCode = () =>
  new AppError('NOT_FOUND', 'Unknown referral code', {
    fields: [{ path: 'code', message: 'No referral link with this code' }],
  });

/** Referral links: pending (tracked) -> signed_up (claimed by a new user) -> converted (they pay). */
export const createReferralsService = (deps: { repo: ReferralsRepository; clock: Clock; bus: EventBus }) => {
  const { repo, clock, bus } = deps;
  const now = () => isoNow(clock);

  /** The user's code document, created on first use; the id is the user id, so racing callers share one. */
  const ensureCode = async (productId: string, userId: string): Promise<ReferralCodeDoc> => {
    const existing = await repo.codeOf(productId, userId);
    if (existing) return existing;
    const at = now();
    const doc: ReferralCodeDoc = {
      id: userId,
      productId,
      userId,
      code: randomCode(8),
      referredBy: null,
      signups: 0,
      conversions: 0,
      createdAt: at,
      updatedAt: at,
    };
    try {
      return await repo.createCode(doc);
    } catch (error) {
      if (!isStoreError(error, 'conflict')) throw error;
      const raced = await repo.codeOf(productId, userId);
      if (!raced) throw error;
      return raced;
    }
  };

  const bump = (productId: string, userId: string, field: 'signups' | 'conversions') =>
    found(
      repo.mutateCode(productId, userId, (current) => ({
        ...withoutSystemFields(current),
        [field]: current[field] + 1,
        updatedAt: now(),
      })),
    );

  const counts = async (
    productId: string,
    extra: Record<string, { eq: string }>,
  ): Promise<TReferralCounts> => {
    const of = (status: TReferralStatus) => repo.count(productId, { ...extra, status: { eq: status } });
    const [pending, signedUp, converted] = await Promise.all([
      of('pending'),
      of('signed_up'),
      of('converted'),
    ]);
    return { pending, signedUp, converted, total: pending + signedUp + converted };
  };

  return {
    async myLink(productId: string, userId: string, baseUrl?: string) {
      const { code } = await ensureCode(productId, userId);
      const url = new URL(baseUrl ?? 'https://invalid.local/join');
      url.searchParams.set('ref', code);
      const shareUrl = baseUrl ? url.toString() : `${url.pathname}${url.search}`;
      return { code, shareUrl };
    },
    stats: (productId: string, userId: string) => counts(productId, { referrerId: { eq: userId } }),
    async track(productId: string, input: TTrackInput) {
      const code = normalizeCode(input.code);
      const owner = await repo.findCode(productId, code);
      if (!owner) throw unknownCode();
      const emailLower = input.email?.toLowerCase() ?? null;
      if (emailLower) {
        const existing = await repo.findPending(productId, code, emailLower);
        if (existing) return { referralId: existing.id, status: existing.status };
      }
      const at = now();
      const doc: ReferralDoc = {
        id: randomId(12),
        productId,
        code,
        referrerId: owner.userId,
        referredId: null,
        email: input.email ?? null,
        emailLower,
        source: input.source ?? null,
        status: 'pending',
        createdAt: at,
        updatedAt: at,
        signedUpAt: null,
        convertedAt: null,
      };
      const saved = await repo.create(doc);
      return { referralId: saved.id, status: saved.status };
    },
    /**
     * A new user names who referred them. One referrer per user: the claim is recorded on the user's own code
     * document with its etag, so two racing claims cannot both win. A pending referral tracked for the user's
     * email is advanced; otherwise a new one is recorded.
     */
    async claim(
      productId: string,
      code: string,
      user: { userId: string; email: string; registeredAt?: string | null },
    ): Promise<TReferral> {
      const normalized = normalizeCode(code);
      if (user.registeredAt && clock() - Date.parse(user.registeredAt) > CLAIM_WINDOW_DAYS * DAY_MS) {
        throw new AppError(
          'FORBIDDEN',
          `A referral code can be claimed within ${CLAIM_WINDOW_DAYS} days of registering`,
          {
            fields: [{ path: 'code', message: 'Too long after registering' }],
          },
        );
      }
      const owner = await repo.findCode(productId, normalized);
      if (!owner) throw unknownCode();
      if (owner.userId === user.userId) {
        throw new AppError('BAD_REQUEST', 'You cannot refer yourself', {
          fields: [{ path: 'code', message: 'This is your own referral code' }],
        });
      }
      await ensureCode(productId, user.userId);
      const pending = await repo.findPending(productId, normalized, user.email.toLowerCase());
      const referralId = pending?.id ?? randomId(12);
      const { doc: mine, changed } = await found(
        repo.mutateCode(productId, user.userId, (current) =>
          current.referredBy === null
            ? { ...withoutSystemFields(current), referredBy: referralId, updatedAt: now() }
            : null,
        ),
      );
      if (!changed) {
        const previous = mine.referredBy ? await repo.get(productId, mine.referredBy) : undefined;
        if (previous && previous.code === normalized) return toReferral(previous);
        throw new AppError('CONFLICT', 'You were already referred by someone', {
          fields: [{ path: 'code', message: 'A referral is already recorded for you' }],
        });
      }
      const at = now();
      const signedUp = {
        referredId: user.userId,
        status: 'signed_up' as const,
        signedUpAt: at,
        updatedAt: at,
      };
      // The claim spans the user's code, the referral and the referrer's counts: the event commits with the
      // referral turning signed_up, which is what readers of referrals see.
      const staged = () =>
        bus.stage(
          'referral.signed_up',
          { referralId, referrerId: owner.userId, referredId: user.userId },
          { productId, actorId: user.userId },
        );
      const saved = pending
        ? (
            await found(
              repo.mutate(productId, pending.id, (c) => ({ ...withoutSystemFields(c), ...signedUp }), staged),
            )
          ).doc
        : await repo.create(
            {
              id: referralId,
              productId,
              code: normalized,
              referrerId: owner.userId,
              email: user.email,
              emailLower: user.email.toLowerCase(),
              source: null,
              createdAt: at,
              convertedAt: null,
              ...signedUp,
            },
            staged(),
          );
      await bump(productId, owner.userId, 'signups');
      return toReferral(saved);
    },
    /** The referred user paid: signed_up -> converted, and referral.completed exactly once. */
    async convert(productId: string, userId: string): Promise<boolean> {
      const referral = await repo.findByReferred(productId, userId);
      if (referral?.status !== 'signed_up') return false;
      // The referrer's count (another document) follows; the event commits with the referral converting.
      const { doc, changed } = await found(
        repo.mutate(
          productId,
          referral.id,
          (current): ReferralDoc | null =>
            current.status === 'signed_up'
              ? { ...withoutSystemFields(current), status: 'converted', convertedAt: now(), updatedAt: now() }
              : null,
          (next) =>
            next.referredId
              ? bus.stage(
                  'referral.completed',
                  { referralId: next.id, referrerId: next.referrerId, referredId: next.referredId },
                  { productId, actorId: null },
                )
              : undefined,
        ),
      );
      if (!changed || !doc.referredId) return false;
      await bump(productId, referral.referrerId, 'conversions');
      return true;
    },
    async list(productId: string, input: TReferralListInput) {
      const where = {
        ...(input.status ? { status: { eq: input.status } } : {}),
        ...(input.referrerId ? { referrerId: { eq: input.referrerId } } : {}),
      };
      const [page, total] = await Promise.all([
        repo.list(productId, where, input.limit ?? 50, input.cursor),
        repo.count(productId, where),
      ]);
      return { items: page.items.map(toReferral), nextCursor: page.continuation, total };
    },
    async productStats(productId: string) {
      const [all, top] = await Promise.all([counts(productId, {}), repo.topReferrers(productId, 10)]);
      const signups = all.signedUp + all.converted;
      return {
        ...all,
        conversionRate: signups === 0 ? 0 : all.converted / signups,
        topReferrers: top.map((d) => ({
          userId: d.userId,
          code: d.code,
          signups: d.signups,
          conversions: d.conversions,
        })),
      };
    },
  };
};

export type ReferralsService = ReturnType<typeof createReferralsService>;
