import { ASSETS_BLOB_CONTAINER } from '@bytelyst/db/blob';
import { defineModule } from '../../module';
import type { BlobService } from '../blob/service';
import type { ChangelogModuleService } from '../changelog/module';
import { versionId } from '../changelog/version-key';
import { STATUS_DEFAULTS } from '../status/config';
import type { UsersService } from '../users/service';
import { createAvatarService } from './avatars';
import { ASSETS_CONTAINERS } from './containers';
import { avatarVariantsSubscriber } from './handlers';
import { createReleaseService } from './releases';
import { createAssetsRepository } from './repository';
import { releaseRoutes } from './routes';

type Needs = { users: UsersService; blobs: BlobService; changelog: ChangelogModuleService };

/**
 * Assets (roadmap §2.17): avatar variants made with sharp off the request path, and release binaries with a
 * per-platform "latest" manifest; both served from the public `assets` blob container under content hashes,
 * with immutable caching, prefixed by CDN_BASE_URL when a CDN fronts storage.
 */
export const assetsModule = defineModule({
  name: 'assets',
  containers: ASSETS_CONTAINERS,
  create: ({ store, blob, bus, clock, config }, needs: Needs) => {
    const repo = createAssetsRepository(store);
    const assetUrl = (key: string) => blob.publicUrl(ASSETS_BLOB_CONTAINER, key, config.cdnBaseUrl);
    const consoleUrl = (config.status?.consoleUrl ?? STATUS_DEFAULTS.consoleUrl).replace(/\/+$/, '');
    const avatars = createAvatarService({ repo, blob, blobs: needs.blobs, users: needs.users, bus, clock });
    const releases = createReleaseService({
      repo,
      blob,
      bus,
      clock,
      assetUrl,
      async releaseNotesUrl(productId, version) {
        const entry = await needs.changelog.get(productId, versionId(version)).catch(() => undefined);
        if (entry?.state !== 'published') return null;
        const product =
          productId === config.defaultProductId ? '' : `?product=${encodeURIComponent(productId)}`;
        return `${consoleUrl}/changelog${product}#v${entry.version}`;
      },
    });
    return {
      service: { avatars, releases },
      subscribers: [avatarVariantsSubscriber(avatars)],
      routes: releaseRoutes(releases),
    };
  },
});
