import type { BlobInfo, BlobStore } from '@bytelyst/db/blob';
import { mediaType } from '@bytelyst/db/blob';
import { type Clock, isStoreError } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoIn } from '../../lib/time';
import {
  BLOB_CONTAINER_NAMES,
  BLOB_CONTAINERS,
  type TBlobContainer,
  type TBlobListInput,
  type TBlobObject,
  type TBlobRef,
  type TDownloadUrlInput,
  type TUploadUrlInput,
  userPrefix,
} from './schema';

export type BlobActor = { userId: string; roles: readonly string[] };

const UPLOAD_URL_SECONDS = 15 * 60;
const DOWNLOAD_URL_SECONDS = 60 * 60;

const isAdmin = (actor: BlobActor) => actor.roles.includes('admin') || actor.roles.includes('super_admin');

const field = (path: string, message: string) => ({ fields: [{ path, message }] });

/** Keeps letters, digits, dot, dash and underscore, so generated keys are safe in URLs and file systems. */
const safeFileName = (name: string) =>
  name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 100);

/**
 * The six storage containers with their rules. Every product's blobs live under `<productId>/` inside the
 * container, so callers (and admins) only ever see and name keys of their own product.
 */
export const createBlobService = (deps: { blob: BlobStore; clock: Clock; bus: EventBus }) => {
  const { blob, clock } = deps;
  const physical = (productId: string, key: string) => `${productId}/${key}`;
  const toObject = (productId: string, info: BlobInfo): TBlobObject => ({
    container: info.container as TBlobContainer,
    key: info.key.slice(productId.length + 1),
    size: info.size,
    contentType: info.contentType,
    etag: info.etag,
    lastModified: info.lastModified,
    metadata: info.metadata,
  });

  const mayAccessKey = (actor: BlobActor, key: string) =>
    isAdmin(actor) || key.startsWith(userPrefix(actor.userId));

  /** StoreError('invalid') from the driver is the caller's key; anything else is ours. */
  const keyErrors = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (isStoreError(error, 'invalid'))
        throw new AppError('BAD_REQUEST', 'Invalid blob key', field('key', 'Invalid key'));
      throw error;
    }
  };

  return {
    containers: () => ({
      items: BLOB_CONTAINER_NAMES.map((name) => {
        const rule = BLOB_CONTAINERS[name];
        return { ...rule, contentTypes: [...rule.contentTypes] };
      }),
    }),

    async createUploadUrl(productId: string, input: TUploadUrlInput, actor: BlobActor) {
      const rule = BLOB_CONTAINERS[input.container];
      if (rule.access === 'admin' && !isAdmin(actor)) {
        throw new AppError(
          'FORBIDDEN',
          `Only admins upload to ${input.container}`,
          field('container', 'Admins only'),
        );
      }
      if (input.size > rule.maxBytes) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `${input.container} takes files up to ${rule.maxBytes} bytes`,
          field('size', `At most ${rule.maxBytes} bytes`),
        );
      }
      const type = mediaType(input.contentType);
      if (!(rule.contentTypes as readonly string[]).includes(type)) {
        throw new AppError(
          'BAD_REQUEST',
          `${input.container} does not take ${type}`,
          field('contentType', `One of ${rule.contentTypes.join(', ')}`),
        );
      }
      const key = input.key ?? `${userPrefix(actor.userId)}${randomId(8)}-${safeFileName(input.fileName)}`;
      if (!mayAccessKey(actor, key)) {
        throw new AppError(
          'FORBIDDEN',
          `Keys must start with ${userPrefix(actor.userId)}`,
          field('key', 'Outside your prefix'),
        );
      }
      const upload = await keyErrors(() =>
        blob.signedUploadUrl(input.container, physical(productId, key), {
          expiresInSeconds: UPLOAD_URL_SECONDS,
          contentType: type,
          // The declared size is what was checked, so it is also what the upload may carry.
          maxBytes: input.size,
        }),
      );
      return { container: input.container, key, maxBytes: input.size, contentType: type, upload };
    },

    async createDownloadUrl(productId: string, input: TDownloadUrlInput, actor: BlobActor) {
      if (!mayAccessKey(actor, input.key)) {
        throw new AppError(
          'FORBIDDEN',
          'You can only download your own files',
          field('key', 'Outside your prefix'),
        );
      }
      const info = await keyErrors(() => blob.head(input.container, physical(productId, input.key)));
      if (!info) throw new AppError('NOT_FOUND', 'Blob not found', field('key', 'Not found'));
      const seconds = input.expiresInSeconds ?? DOWNLOAD_URL_SECONDS;
      const url = await blob.signedUrl(input.container, physical(productId, input.key), {
        expiresInSeconds: seconds,
        ...(input.downloadName ? { downloadName: input.downloadName } : {}),
      });
      return { url, expiresAt: isoIn(clock, seconds) };
    },

    async list(productId: string, input: TBlobListInput) {
      try {
        const page = await blob.list(input.container, {
          prefix: physical(productId, input.prefix ?? ''),
          limit: input.limit ?? 50,
          ...(input.cursor ? { continuation: input.cursor } : {}),
        });
        return { items: page.items.map((i) => toObject(productId, i)), nextCursor: page.continuation };
      } catch (error) {
        if (isStoreError(error, 'invalid')) {
          throw new AppError('BAD_REQUEST', 'Invalid cursor or prefix', field('cursor', 'Invalid'));
        }
        throw error;
      }
    },

    async info(productId: string, ref: TBlobRef): Promise<TBlobObject> {
      const info = await keyErrors(() => blob.head(ref.container, physical(productId, ref.key)));
      if (!info) throw new AppError('NOT_FOUND', 'Blob not found', field('key', 'Not found'));
      return toObject(productId, info);
    },

    async delete(productId: string, ref: TBlobRef, actorId: string) {
      const deleted = await keyErrors(() => blob.delete(ref.container, physical(productId, ref.key)));
      if (!deleted) throw new AppError('NOT_FOUND', 'Blob not found', field('key', 'Not found'));
      // Blob storage takes no outbox, so the event follows the delete it reports (never precedes it).
      await deps.bus.emit('blob.deleted', { container: ref.container, key: ref.key }, { productId, actorId });
      return { container: ref.container, key: ref.key, deleted };
    },
  };
};

export type BlobService = ReturnType<typeof createBlobService>;
