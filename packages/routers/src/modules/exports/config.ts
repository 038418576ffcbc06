/** Export files live in the blob module's `backups` container (admins only), under `<productId>/exports/`. */
export const EXPORT_BLOB_CONTAINER = 'backups';
/** An export's file is deleted this many days after it was written (roadmap §2.9). */
export const FILE_DAYS = 7;
/** A signed download URL works this long. */
export const DOWNLOAD_URL_SECONDS = 15 * 60;

export const EXPORT_ENGINE_DEFAULTS = {
  /** A claim lapses this long after the worker's last progress write; another worker then takes the job. */
  leaseMs: 60_000,
  pollIntervalMs: 2_000,
  /** Rows per store page; one progress write per page. */
  pageSize: 1_000,
};

/** Bulk jobs commit this many item results with the job's counts in one batch (the store's limit is 100). */
export const BULK_PAGE = 50;
