import type { DocumentStore, Outbox, Stored } from '@bytelyst/db/document-store';
import { isStoreError } from '@bytelyst/db/document-store';
import { ASSETS_CONTAINERS } from './containers';
import type { TAvatarUpload, TRelease, TReleaseListInput } from './schema';

export type AvatarUploadDoc = TAvatarUpload & {
  productId: string;
  /** The original in the `avatars` blob container (product prefix included). */
  originalKey: string;
};

export type ReleaseDoc = Omit<TRelease, 'url'> & {
  productId: string;
  /** Semver precedence as a sortable string (changelog/version-key.ts). */
  versionKey: string;
  /** The binary's key in the public `assets` blob container; its URL is resolved on read. */
  assetKey: string;
};

export const createAssetsRepository = (store: DocumentStore) => {
  const uploads = () => store.container<AvatarUploadDoc>(ASSETS_CONTAINERS.avatarUploads.name);
  const releases = () => store.container<ReleaseDoc>(ASSETS_CONTAINERS.releases.name);
  return {
    createUpload: (doc: AvatarUploadDoc, outbox: Outbox) => uploads().create(doc, { outbox }),
    getUpload: (productId: string, id: string) => uploads().read(id, productId),
    /** Moves an upload out of `processing` once; false when it already left it (a redelivered event). */
    finishUpload: async (
      productId: string,
      id: string,
      patch: Pick<AvatarUploadDoc, 'status' | 'error' | 'finishedAt'>,
      outbox?: Outbox,
    ): Promise<boolean> => {
      const done = await uploads().mutate(
        id,
        productId,
        (current) => (current.status === 'processing' ? { ...current, ...patch } : null),
        outbox ? { outbox: () => outbox } : {},
      );
      return done?.changed ?? false;
    },
    latestUpload: async (productId: string, userId: string): Promise<Stored<AvatarUploadDoc> | undefined> => {
      const page = await uploads().query({
        partitionKey: productId,
        where: { userId: { eq: userId } },
        orderBy: [
          { field: 'userId', direction: 'desc' },
          { field: 'createdAt', direction: 'desc' },
        ],
        limit: 1,
      });
      return page.items[0];
    },

    /** False when the id (platform, channel, version) is taken. */
    createRelease: async (doc: ReleaseDoc, outbox: Outbox): Promise<Stored<ReleaseDoc> | undefined> => {
      try {
        return await releases().create(doc, { outbox });
      } catch (error) {
        if (isStoreError(error, 'conflict')) return undefined;
        throw error;
      }
    },
    getRelease: (productId: string, id: string) => releases().read(id, productId),
    mutateRelease: (
      productId: string,
      id: string,
      change: (current: Stored<ReleaseDoc>) => ReleaseDoc | null,
      outbox: (next: ReleaseDoc) => Outbox,
    ) => releases().mutate(id, productId, change, { outbox }),
    listReleases: (productId: string, input: TReleaseListInput) =>
      releases().query({
        partitionKey: productId,
        where: {
          ...(input.platform ? { platform: { eq: input.platform } } : {}),
          ...(input.channel ? { channel: { eq: input.channel } } : {}),
        },
        orderBy: [{ field: 'createdAt', direction: 'desc' }],
        limit: input.limit ?? 50,
        ...(input.cursor ? { continuation: input.cursor } : {}),
      }),
    latestRelease: async (productId: string, platform: string, channel: string) => {
      const page = await releases().query({
        partitionKey: productId,
        where: { platform: { eq: platform }, channel: { eq: channel }, state: { eq: 'published' } },
        orderBy: [
          { field: 'platform', direction: 'desc' },
          { field: 'channel', direction: 'desc' },
          { field: 'versionKey', direction: 'desc' },
        ],
        limit: 1,
      });
      return page.items[0];
    },
  };
};

export type AssetsRepository = ReturnType<typeof createAssetsRepository>;
