import { defineModule } from '../../module';
import { createBlobService } from './service';

/** Blob storage: six containers with per-container rules, signed upload and download URLs. */
export const blobsModule = defineModule({
  name: 'blobs',
  create: ({ blob, clock, bus }) => ({ service: createBlobService({ blob, clock, bus }) }),
});
