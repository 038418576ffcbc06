import type { BlobStore } from '@bytelyst/db/blob';
import { BACKUP_BLOB_CONTAINER, MANIFEST_FILE } from './config';
import { type TManifest, ZManifest } from './schema';

/** The manifest stored beside a backup's files; a string saying what is wrong when it is missing or unreadable. */
export const readManifest = async (blob: BlobStore, folder: string): Promise<TManifest | string> => {
  const found = await blob.get(BACKUP_BLOB_CONTAINER, `${folder}/${MANIFEST_FILE}`);
  if (!found) return `${MANIFEST_FILE} is missing`;
  try {
    const parsed = ZManifest.safeParse(JSON.parse(found.body.toString('utf8')));
    return parsed.success ? parsed.data : `${MANIFEST_FILE} does not match the manifest format`;
  } catch {
    return `${MANIFEST_FILE} is not JSON`;
  }
};
