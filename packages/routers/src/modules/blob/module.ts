import { defineModule } from '../../module';
import { fsBlobRoutes } from './fs-routes';
import { createBlobService } from './service';

/**
 * Blob storage: six containers with per-container rules, signed upload and download URLs (served by this module's
 * routes on the fs driver).
 */
export const blobsModule = defineModule({
  name: 'blobs',
  create: ({ blob, clock, bus, config }) => ({
    service: createBlobService({ blob, clock, bus }),
    routes:
      blob.driver === 'fs' && config.blobSigningSecret
        ? fsBlobRoutes({ blob, clock, signingSecret: config.blobSigningSecret })
        : [],
  }),
});
