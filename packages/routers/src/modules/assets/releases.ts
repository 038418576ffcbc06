import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, Stored } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { sha256 } from '../../lib/crypto';
import { isoNow } from '../../lib/time';
import { versionKey } from '../changelog/version-key';
import { digestStream, putImmutableStream } from './asset-store';
import type { AssetsRepository, ReleaseDoc } from './repository';
import type { TRelease, TReleaseCreateInput, TReleaseListInput, TReleaseManifest } from './schema';

const RELEASES = 'releases';

const safeFileName = (name: string) =>
  name
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120);

type Deps = {
  repo: AssetsRepository;
  blob: BlobStore;
  bus: EventBus;
  clock: Clock;
  assetUrl: (key: string) => string;
  /** The public changelog entry of this version, when one is published. */
  releaseNotesUrl: (productId: string, version: string) => Promise<string | null>;
};

/**
 * Release binaries (roadmap §2.17): an admin uploads the file to the `releases` blob container, then registers it
 * here; the bytes are copied to the public `assets` container under their sha256, so the download URL is
 * immutable like an avatar's, and `GET /v1/releases/latest` hands desktop updaters the newest published build.
 */
export const createReleaseService = (deps: Deps) => {
  const { repo, blob, bus, clock } = deps;
  const view = ({ productId: _p, versionKey: _v, assetKey, ...rest }: ReleaseDoc): TRelease => ({
    ...rest,
    url: deps.assetUrl(assetKey),
  });
  const payload = (doc: ReleaseDoc) => ({
    releaseId: doc.id,
    version: doc.version,
    platform: doc.platform,
    channel: doc.channel,
    sha256: doc.sha256,
    size: doc.size,
    publishedAt: doc.publishedAt,
  });
  const load = async (productId: string, id: string): Promise<Stored<ReleaseDoc>> => {
    const doc = await repo.getRelease(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', 'Release not found');
    return doc;
  };

  const setPublished = async (productId: string, id: string, actorId: string, publish: boolean) => {
    await load(productId, id);
    const done = await repo.mutateRelease(
      productId,
      id,
      (current) =>
        (current.state === 'published') === publish
          ? null
          : {
              ...current,
              state: publish ? 'published' : 'draft',
              publishedAt: publish ? isoNow(clock) : null,
            },
      (next) =>
        bus.stage(publish ? 'release.published' : 'release.unpublished', payload(next), {
          productId,
          actorId,
        }),
    );
    if (!done) throw new AppError('NOT_FOUND', 'Release not found');
    return view(done.doc);
  };

  return {
    /** Hashes the uploaded binary (sha256, sha512) and copies it under its hash; streamed, never held whole. */
    async create(productId: string, actorId: string, input: TReleaseCreateInput): Promise<TRelease> {
      const sourceKey = `${productId}/${input.key}`;
      const open = async () => {
        const found = await blob.getStream(RELEASES, sourceKey);
        if (!found) {
          throw new AppError('BAD_REQUEST', 'Nothing was uploaded under this key', {
            fields: [{ path: 'key', message: 'Upload the binary to the releases container first' }],
          });
        }
        return found;
      };
      const source = await open();
      const digest = await digestStream(source.stream);
      const fileName = safeFileName(input.fileName ?? input.key.split('/').at(-1) ?? 'release.bin');
      const assetKey = `${productId}/releases/${digest.sha256}/${fileName}`;
      await putImmutableStream(blob, assetKey, async () => (await open()).stream, {
        contentType: source.info.contentType,
        sha256: digest.sha256,
      });
      const now = isoNow(clock);
      const doc: ReleaseDoc = {
        id: `${input.platform}:${input.channel}:${input.version}`,
        productId,
        version: input.version,
        versionKey: versionKey(input.version),
        platform: input.platform,
        channel: input.channel,
        fileName,
        assetKey,
        sha256: digest.sha256,
        sha512: digest.sha512,
        size: digest.size,
        state: input.publish ? 'published' : 'draft',
        publishedAt: input.publish ? now : null,
        createdAt: now,
        createdBy: actorId,
      };
      const type = input.publish ? 'release.published' : 'release.created';
      const created = await repo.createRelease(doc, bus.stage(type, payload(doc), { productId, actorId }));
      if (!created) {
        throw new AppError('CONFLICT', `${input.platform} ${input.channel} ${input.version} is registered`, {
          fields: [{ path: 'version', message: 'Already registered for this platform and channel' }],
        });
      }
      return view(created);
    },

    publish: (productId: string, actorId: string, id: string) => setPublished(productId, id, actorId, true),
    unpublish: (productId: string, actorId: string, id: string) =>
      setPublished(productId, id, actorId, false),

    async list(productId: string, input: TReleaseListInput) {
      const page = await repo.listReleases(productId, input);
      return { items: page.items.map(view), nextCursor: page.continuation };
    },

    /** The manifest and its strong ETag (a hash of the manifest itself); undefined when nothing is published. */
    async latest(productId: string, platform: string, channel: string) {
      const doc = await repo.latestRelease(productId, platform, channel);
      if (!doc?.publishedAt) return undefined;
      const manifest: TReleaseManifest = {
        version: doc.version,
        platform: doc.platform,
        channel: doc.channel,
        url: deps.assetUrl(doc.assetKey),
        fileName: doc.fileName,
        sha256: doc.sha256,
        sha512: doc.sha512,
        size: doc.size,
        releaseNotesUrl: await deps.releaseNotesUrl(productId, doc.version),
        publishedAt: doc.publishedAt,
      };
      return { manifest, etag: `"${sha256(JSON.stringify(manifest)).slice(0, 32)}"` };
    },
  };
};

export type ReleaseService = ReturnType<typeof createReleaseService>;
