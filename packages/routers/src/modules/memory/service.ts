import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import type { UsageService } from '../billing/usage/service';
import type { BlobService } from '../blob/service';
import { isAdminRole } from '../users/rules';
import type { TRole } from '../users/schema';
import type { UsersService } from '../users/service';
import { type MemoryItemDoc, type MemoryRepository, toMemoryItem } from './repository';
import type { TMemoryCreateInput, TMemoryItem, TMemoryListInput, TMemoryUpdateInput } from './schema';
import { ZMemoryCreateInput, ZMemoryUpdateInput } from './schema';

/** The usage metric each created item counts under, so plans can set a quota and analytics sees the activity. */
export const MEMORY_USAGE_METRIC = 'memory_items';
const ATTACHMENTS = 'attachments';

export type MemoryNeeds = {
  blobs: Pick<BlobService, 'info' | 'createDownloadUrl' | 'delete'>;
  users: Pick<UsersService, 'exists'>;
  usage: Pick<UsageService, 'check'>;
};

export type MemoryActor = { userId: string; roles: readonly TRole[] };

const fieldError = (path: string, message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path, message }] });

const notFound = () => new AppError('NOT_FOUND', 'No memory item with this id');

/** The user whose upload prefix (`users/<id>/`) holds a key. */
const keyOwner = (key: string): string => key.split('/')[1] ?? '';

/**
 * A user's memory items: their own notes, clips and transcripts, with tags and an optional attachment. The
 * owner reads and changes them; admins of the product too, and only admins move one to another user. Another
 * user's item answers 404, never 403, so ids do not reveal what exists.
 */
export const createMemoryService = (deps: {
  repo: MemoryRepository;
  clock: Clock;
  bus: EventBus;
  needs: MemoryNeeds;
}) => {
  const { repo, clock, bus, needs } = deps;

  const readable = async (productId: string, id: string, actor: MemoryActor) => {
    const doc = await repo.get(productId, id);
    if (!doc || (doc.userId !== actor.userId && !isAdminRole(actor.roles))) throw notFound();
    return doc;
  };

  /** The attachment must be the owner's own upload in `attachments`, made through the signed URL. */
  const attachmentOf = async (productId: string, ownerId: string, key: string) => {
    if (!key.startsWith(`users/${ownerId}/`)) {
      throw fieldError('attachment.key', `Upload the file under users/${ownerId}/ first`);
    }
    const info = await needs.blobs
      .info(productId, { container: ATTACHMENTS, key })
      .catch((error: unknown) => {
        if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) {
          throw fieldError('attachment.key', 'No uploaded file under this key');
        }
        throw error;
      });
    return { container: ATTACHMENTS, key, contentType: info.contentType, size: info.size } as const;
  };

  return {
    async create(productId: string, actor: MemoryActor, raw: TMemoryCreateInput): Promise<TMemoryItem> {
      const input = ZMemoryCreateInput.parse(raw);
      const quota = await needs.usage.check(productId, actor, { metric: MEMORY_USAGE_METRIC, quantity: 1 });
      if (!quota.allowed) {
        throw new AppError('FORBIDDEN', `The plan's quota of ${quota.limit} memory items is used up`, {
          reason: 'quota_exceeded',
        });
      }
      const attachment = input.attachment
        ? await attachmentOf(productId, actor.userId, input.attachment.key)
        : null;
      const at = isoNow(clock);
      const doc: MemoryItemDoc = {
        id: randomId(9),
        productId,
        userId: actor.userId,
        text: input.text,
        source: input.source,
        tags: input.tags,
        attachment,
        createdAt: at,
        updatedAt: at,
        reassignedFrom: null,
      };
      const staged = bus.stage(
        'memory.created',
        {
          itemId: doc.id,
          userId: doc.userId,
          source: doc.source,
          tags: doc.tags,
          hasAttachment: !!attachment,
        },
        { productId, actorId: actor.userId },
      );
      return toMemoryItem(await repo.create(doc, staged));
    },

    async get(productId: string, id: string, actor: MemoryActor) {
      const item = toMemoryItem(await readable(productId, id, actor));
      let attachmentUrl: string | null = null;
      if (item.attachment) {
        // Access was decided above; the URL is signed for the key's uploader, whose prefix holds the file.
        const signer = { userId: keyOwner(item.attachment.key), roles: [] };
        attachmentUrl = await needs.blobs
          .createDownloadUrl(productId, { container: ATTACHMENTS, key: item.attachment.key }, signer)
          .then((signed) => signed.url)
          .catch((error: unknown) => {
            if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
            throw error;
          });
      }
      return { ...item, attachmentUrl };
    },

    /** The item as stored, or undefined; no access check (search's indexer). */
    find: async (productId: string, id: string): Promise<TMemoryItem | undefined> => {
      const doc = await repo.get(productId, id);
      return doc ? toMemoryItem(doc) : undefined;
    },

    async list(productId: string, input: TMemoryListInput) {
      const where: Parameters<MemoryRepository['list']>[1] = {};
      if (input.userId) where.userId = { eq: input.userId };
      if (input.tag) where.tags = { contains: input.tag };
      if (input.q) where.text = { icontains: input.q };
      if (input.source) where.source = { eq: input.source };
      const page = await repo.list(productId, where, input.limit ?? 25, input.cursor);
      return { items: page.items.map(toMemoryItem), nextCursor: page.continuation };
    },

    async update(productId: string, actor: MemoryActor, raw: TMemoryUpdateInput): Promise<TMemoryItem> {
      const input = ZMemoryUpdateInput.parse(raw);
      const current = await readable(productId, input.id, actor);
      const attachment =
        input.attachment === undefined
          ? current.attachment
          : input.attachment === null
            ? null
            : input.attachment.key === current.attachment?.key
              ? current.attachment
              : await attachmentOf(productId, current.userId, input.attachment.key);
      const mutated = await repo.mutate(
        productId,
        input.id,
        (doc) => {
          const next: MemoryItemDoc = {
            ...toMemoryItem(doc),
            text: input.text ?? doc.text,
            tags: input.tags ?? doc.tags,
            attachment,
          };
          const same =
            next.text === doc.text &&
            JSON.stringify(next.tags) === JSON.stringify(doc.tags) &&
            next.attachment?.key === doc.attachment?.key;
          return same ? null : { ...next, updatedAt: isoNow(clock) };
        },
        {
          outbox: (next, before) =>
            bus.stage(
              'memory.updated',
              {
                itemId: next.id,
                userId: next.userId,
                fields: (['text', 'tags', 'attachment'] as const).filter(
                  (f) => JSON.stringify(next[f]) !== JSON.stringify(before[f]),
                ),
                removedAttachmentKey:
                  before.attachment && before.attachment.key !== next.attachment?.key
                    ? before.attachment.key
                    : null,
              },
              { productId, actorId: actor.userId },
            ),
        },
      );
      if (!mutated) throw notFound();
      return toMemoryItem(mutated.doc);
    },

    /** Moves an item to another user of the same product (admins only; the router's level says so). */
    async reassign(productId: string, input: { id: string; userId: string }, actorId: string) {
      if (!(await needs.users.exists(productId, input.userId))) {
        throw fieldError('userId', 'No user with this id in this product');
      }
      const mutated = await repo.mutate(
        productId,
        input.id,
        (doc) =>
          doc.userId === input.userId
            ? null
            : {
                ...toMemoryItem(doc),
                userId: input.userId,
                reassignedFrom: { userId: doc.userId, at: isoNow(clock), by: actorId },
                updatedAt: isoNow(clock),
              },
        {
          outbox: (next, before) =>
            bus.stage(
              'memory.reassigned',
              { itemId: next.id, fromUserId: before.userId, toUserId: next.userId },
              { productId, actorId },
            ),
        },
      );
      if (!mutated) throw notFound();
      return toMemoryItem(mutated.doc);
    },

    /** Deletes the item; its attachment goes after, by the `memory.deleted` subscriber. */
    async delete(productId: string, id: string, actor: MemoryActor): Promise<{ deleted: true }> {
      const doc = await readable(productId, id, actor);
      await remove(productId, doc, actor.userId === doc.userId ? 'owner' : 'admin', actor.userId);
      return { deleted: true };
    },

    /** Deletes one item for a reason other than a caller's request (the user's erasure). */
    remove,
  };

  async function remove(
    productId: string,
    doc: MemoryItemDoc,
    reason: 'owner' | 'admin' | 'user_deleted',
    actorId: string | null,
  ): Promise<boolean> {
    return repo.remove(
      productId,
      doc.id,
      bus.stage(
        'memory.deleted',
        { itemId: doc.id, userId: doc.userId, reason, attachmentKey: doc.attachment?.key ?? null },
        { productId, actorId },
      ),
    );
  }
};

export type MemoryService = ReturnType<typeof createMemoryService>;
