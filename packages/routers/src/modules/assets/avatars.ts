import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import { BLOB_CONTAINERS } from '../blob/schema';
import type { BlobActor, BlobService } from '../blob/service';
import type { AvatarRef } from '../users/avatar';
import type { UsersService } from '../users/service';
import { putImmutable, sha256Hex } from './asset-store';
import { inspectImage, makeAvatarVariants } from './image';
import type { AssetsRepository, AvatarUploadDoc } from './repository';
import type { TAvatarState, TAvatarUpload, TAvatarUploadMineInput } from './schema';

const AVATARS = 'avatars';
const MAX_BYTES = BLOB_CONTAINERS.avatars.maxBytes;

const fileField = (code: 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE', message: string) =>
  new AppError(code, message, { fields: [{ path: 'file', message }] });

const toUploadView = ({ productId: _p, originalKey: _k, ...view }: AvatarUploadDoc): TAvatarUpload => view;

type Deps = {
  repo: AssetsRepository;
  blob: BlobStore;
  blobs: BlobService;
  users: UsersService;
  bus: EventBus;
  clock: Clock;
};

/**
 * Avatars: the original goes up through the blob module's signed upload (container `avatars`, 5 MiB, images);
 * `confirm` sniffs it (a cheap header read: non-images and decompression bombs are refused there, with a 4xx
 * naming `file`) and records the upload with `avatar.uploaded`; the subscriber makes the variants off the request
 * path, then sets them on the user. A failed processing leaves the previous avatar and says why on the upload.
 */
export const createAvatarService = (deps: Deps) => {
  const { repo, blob, users, bus, clock } = deps;
  const prefix = (userId: string) => `users/${userId}/avatar-`;

  const fail = (upload: AvatarUploadDoc, reason: string, actorId: string | null) =>
    repo.finishUpload(
      upload.productId,
      upload.id,
      { status: 'failed', error: reason, finishedAt: isoNow(clock) },
      bus.stage(
        'avatar.failed',
        { uploadId: upload.id, userId: upload.userId, reason },
        { productId: upload.productId, actorId },
      ),
    );

  return {
    /** A signed upload for `userId`'s next avatar original (the caller's own, or any user's for an admin). */
    async createUpload(productId: string, actor: BlobActor, userId: string, input: TAvatarUploadMineInput) {
      await users.load(productId, userId);
      const signed = await deps.blobs.createUploadUrl(
        productId,
        { container: AVATARS, ...input, key: `${prefix(userId)}${randomId(9)}` },
        actor,
      );
      return { key: signed.key, maxBytes: signed.maxBytes, upload: signed.upload };
    },

    async confirm(productId: string, actor: BlobActor, userId: string, key: string): Promise<TAvatarUpload> {
      if (!key.startsWith(prefix(userId)) || key.slice(prefix(userId).length).includes('/')) {
        throw new AppError('BAD_REQUEST', 'Not an avatar upload of this user', {
          fields: [{ path: 'key', message: `Use the key createUpload returned (${prefix(userId)}...)` }],
        });
      }
      await users.load(productId, userId);
      const originalKey = `${productId}/${key}`;
      const found = await blob.get(AVATARS, originalKey);
      if (!found) {
        throw new AppError('BAD_REQUEST', 'Nothing was uploaded under this key', {
          fields: [{ path: 'key', message: 'Upload the file to the signed URL first' }],
        });
      }
      // Azure SAS uploads cannot be size-limited at the storage, so the limit is checked here as well.
      if (found.info.size > MAX_BYTES) {
        await blob.delete(AVATARS, originalKey);
        throw fileField('PAYLOAD_TOO_LARGE', `The image is larger than ${MAX_BYTES} bytes`);
      }
      let sniffed: Awaited<ReturnType<typeof inspectImage>>;
      try {
        sniffed = await inspectImage(found.body);
      } catch (error) {
        await blob.delete(AVATARS, originalKey);
        throw error;
      }
      const now = isoNow(clock);
      const doc: AvatarUploadDoc = {
        id: `avu_${randomId(9)}`,
        productId,
        userId,
        originalKey,
        status: 'processing',
        error: null,
        ...sniffed,
        createdAt: now,
        finishedAt: null,
      };
      await repo.createUpload(
        doc,
        bus.stage('avatar.uploaded', { uploadId: doc.id, userId }, { productId, actorId: actor.userId }),
      );
      return toUploadView(doc);
    },

    /** The subscriber's work: idempotent, since an upload leaves `processing` once. */
    async process(productId: string, uploadId: string, actorId: string | null): Promise<void> {
      const upload = await repo.getUpload(productId, uploadId);
      if (upload?.status !== 'processing') return;
      const original = await blob.get(AVATARS, upload.originalKey);
      if (!original) {
        await fail(upload, 'The uploaded file is no longer there', actorId);
        return;
      }
      let variants: Awaited<ReturnType<typeof makeAvatarVariants>>;
      try {
        variants = await makeAvatarVariants(original.body);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await fail(upload, `The image could not be processed: ${reason}`, actorId);
        await blob.delete(AVATARS, upload.originalKey);
        return;
      }
      const keys = {} as Record<string, { webp: string; jpeg: string }>;
      for (const variant of variants) {
        const sha256 = sha256Hex(variant.bytes);
        const key = `${productId}/avatars/${sha256}-${variant.pixels}.${variant.format === 'jpeg' ? 'jpg' : 'webp'}`;
        await putImmutable(blob, key, variant.bytes, { contentType: variant.contentType, sha256 });
        keys[variant.pixels] = { ...(keys[variant.pixels] ?? { webp: '', jpeg: '' }), [variant.format]: key };
      }
      const now = isoNow(clock);
      const ref: AvatarRef = {
        uploadId,
        confirmedAt: upload.createdAt,
        updatedAt: now,
        keys: keys as AvatarRef['keys'],
      };
      try {
        await users.setAvatar(productId, upload.userId, ref, actorId);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'NOT_FOUND')) throw error;
        await fail(upload, 'The user no longer exists', actorId);
        return;
      }
      await repo.finishUpload(productId, uploadId, { status: 'ready', error: null, finishedAt: now });
      // The original may carry EXIF (GPS, camera); only the stripped variants are kept.
      await blob.delete(AVATARS, upload.originalKey);
    },

    async get(productId: string, userId: string): Promise<TAvatarState> {
      const user = users.present(await users.load(productId, userId));
      const latest = await repo.latestUpload(productId, userId);
      return { userId, avatar: user.avatar, latestUpload: latest ? toUploadView(latest) : null };
    },

    /**
     * Takes the avatar off the user. Its variant files stay: their keys are content hashes that another user's
     * identical picture may share, and clients may hold their immutable URLs in caches.
     */
    async delete(productId: string, actorId: string, userId: string): Promise<TAvatarState> {
      await users.setAvatar(productId, userId, null, actorId);
      return this.get(productId, userId);
    },
  };
};

export type AvatarService = ReturnType<typeof createAvatarService>;
