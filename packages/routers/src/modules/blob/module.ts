import type { ModuleDeps } from '../../module-deps';
import { createBlobService } from './service';

/** Blob storage (roadmap §1.5): six containers with per-container rules, signed upload and download URLs. */
export const createBlobModule = (deps: ModuleDeps) =>
  createBlobService({ blob: deps.blob, clock: deps.clock, bus: deps.bus });

export type BlobModule = ReturnType<typeof createBlobModule>;
