import { Readable } from 'node:stream';
import {
  BlobSASPermissions,
  BlobServiceClient,
  type ContainerClient,
  generateBlobSASQueryParameters,
  RestError,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import { type Clock, StoreError, systemClock } from '../document-store';
import {
  assertBlobKey,
  assertContainerName,
  assertListOptions,
  assertPutOptions,
  assertRange,
  assertSignedUploadOptions,
  assertSignedUrlOptions,
  type BlobInfo,
  type BlobStore,
  contentDisposition,
  DEFAULT_CONTENT_TYPE,
  decodeCursor,
  encodeBlobKey,
  encodeCursor,
  isPublicBlobContainer,
  type PutOptions,
  toBuffer,
} from './blob-store';

export type AzureBlobStoreOptions = {
  /** An account-key connection string (the key signs the download SAS), e.g. Azurite's devstoreaccount1. */
  connectionString: string;
  /** Sets the expiry of signed URLs. */
  clock?: Clock;
};

type Props = {
  contentLength?: number;
  contentType?: string;
  cacheControl?: string;
  etag?: string;
  lastModified?: Date;
  metadata?: Record<string, string>;
};

/** Block size and parallel block uploads of `putStream`: at most 16 MiB of a body in memory at once. */
const STREAM_BLOCK_BYTES = 4 * 1024 * 1024;
const STREAM_CONCURRENCY = 4;

const statusOf = (error: unknown): number | undefined =>
  error instanceof RestError ? (error.statusCode ?? 0) : undefined;

/** Turns SDK errors into the StoreError codes callers handle; anything else passes through. */
const toStoreError = (error: unknown, what: string): unknown => {
  if (error instanceof StoreError) return error;
  const status = statusOf(error);
  if (status === undefined) return error;
  if (status === 412)
    return new StoreError('precondition_failed', `${what}: condition not met`, { cause: error });
  if (status === 400 || status === 416)
    return new StoreError('invalid', `${what}: rejected`, { cause: error });
  if (status === 0 || status >= 500)
    return new StoreError('unavailable', `${what}: storage unavailable`, { cause: error });
  return error;
};

const readAll = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
};

/** Azure Blob Storage (or Azurite) through @azure/storage-blob; same semantics as the fs driver. */
export const createAzureBlobStore = (opts: AzureBlobStoreOptions): BlobStore => {
  const clock = opts.clock ?? systemClock;
  const service = BlobServiceClient.fromConnectionString(opts.connectionString, {
    retryOptions: { maxTries: 4, retryDelayInMs: 500, maxRetryDelayInMs: 8000 },
  });
  const credential = service.credential;
  if (!(credential instanceof StorageSharedKeyCredential)) {
    throw new StoreError(
      'invalid',
      'azure blob store needs a connection string with AccountName and AccountKey',
    );
  }
  const ensured = new Map<string, Promise<void>>();

  /** Containers are created on first use, once per process (and again if someone deleted one). */
  const containerClient = async (container: string): Promise<ContainerClient> => {
    assertContainerName(container);
    const client = service.getContainerClient(container);
    let pending = ensured.get(container);
    if (pending === undefined) {
      // Public containers hold content-addressed assets that clients and CDNs fetch without a signature.
      const access = isPublicBlobContainer(container) ? { access: 'blob' as const } : {};
      pending = client.createIfNotExists(access).then(() => undefined);
      ensured.set(container, pending);
    }
    try {
      await pending;
    } catch (error) {
      ensured.delete(container);
      throw toStoreError(error, `create container ${container}`);
    }
    return client;
  };

  const blobClient = async (container: string, key: string) => {
    assertBlobKey(key);
    return (await containerClient(container)).getBlockBlobClient(key);
  };

  const toInfo = (container: string, key: string, props: Props, size?: number): BlobInfo => ({
    container,
    key,
    size: size ?? props.contentLength ?? 0,
    contentType: props.contentType ?? DEFAULT_CONTENT_TYPE,
    etag: props.etag ?? '',
    lastModified: (props.lastModified ?? new Date(clock())).toISOString(),
    metadata: { ...props.metadata },
    ...(props.cacheControl === undefined ? {} : { cacheControl: props.cacheControl }),
  });

  /** Azure answers 409 BlobAlreadyExists to If-None-Match: * and 404 to If-Match on an absent blob. */
  const putError = (error: unknown, container: string, key: string, putOpts: PutOptions | undefined) => {
    const status = statusOf(error);
    if ((status === 409 && putOpts?.ifNoneMatch) || (status === 404 && putOpts?.ifMatch !== undefined)) {
      return new StoreError('precondition_failed', `put ${container}/${key}: condition not met`, {
        cause: error,
      });
    }
    return toStoreError(error, `put ${container}/${key}`);
  };

  const store: BlobStore = {
    driver: 'azure',

    async put(container, key, body, putOpts) {
      assertContainerName(container);
      assertBlobKey(key);
      assertPutOptions(putOpts);
      const data = toBuffer(body);
      const contentType = putOpts?.contentType ?? DEFAULT_CONTENT_TYPE;
      const metadata = { ...putOpts?.metadata };
      const upload = async () => {
        const blob = await blobClient(container, key);
        return blob.upload(data, data.length, {
          blobHTTPHeaders: { blobContentType: contentType, blobCacheControl: putOpts?.cacheControl },
          metadata,
          conditions: { ifMatch: putOpts?.ifMatch, ifNoneMatch: putOpts?.ifNoneMatch },
        });
      };
      try {
        let res: Awaited<ReturnType<typeof upload>>;
        try {
          res = await upload();
        } catch (error) {
          // The container vanished behind our cache: create it again and retry once.
          if (statusOf(error) !== 404 || putOpts?.ifMatch !== undefined) throw error;
          ensured.delete(container);
          res = await upload();
        }
        return toInfo(
          container,
          key,
          { ...res, contentType, metadata, cacheControl: putOpts?.cacheControl },
          data.length,
        );
      } catch (error) {
        throw putError(error, container, key, putOpts);
      }
    },

    async putStream(container, key, body, putOpts) {
      assertContainerName(container);
      assertBlobKey(key);
      assertPutOptions(putOpts);
      const contentType = putOpts?.contentType ?? DEFAULT_CONTENT_TYPE;
      const metadata = { ...putOpts?.metadata };
      let size = 0;
      let bodyError: unknown;
      // Counted on the way through; a block list is committed only once the whole body went up.
      const counted = Readable.from(
        (async function* () {
          try {
            for await (const chunk of body as AsyncIterable<Buffer | Uint8Array | string>) {
              const buf = toBuffer(chunk);
              size += buf.length;
              yield buf;
            }
          } catch (error) {
            bodyError = error;
            throw error;
          }
        })(),
      );
      const blob = await blobClient(container, key);
      try {
        const res = await blob.uploadStream(counted, STREAM_BLOCK_BYTES, STREAM_CONCURRENCY, {
          blobHTTPHeaders: { blobContentType: contentType, blobCacheControl: putOpts?.cacheControl },
          metadata,
          conditions: { ifMatch: putOpts?.ifMatch, ifNoneMatch: putOpts?.ifNoneMatch },
        });
        return toInfo(
          container,
          key,
          { ...res, contentType, metadata, cacheControl: putOpts?.cacheControl },
          size,
        );
      } catch (error) {
        if (bodyError !== undefined) throw bodyError;
        throw putError(error, container, key, putOpts);
      }
    },

    async get(container, key) {
      const found = await store.getStream(container, key);
      if (found === undefined) return undefined;
      return { body: await readAll(found.stream), info: found.info };
    },

    async getStream(container, key, range) {
      assertRange(range);
      const blob = await blobClient(container, key);
      try {
        const res = await blob.download(range?.offset ?? 0, range?.length);
        const total = /\/(\d+)$/.exec(res.contentRange ?? '')?.[1];
        const info = toInfo(container, key, res, total === undefined ? undefined : Number(total));
        const body = res.readableStreamBody;
        if (body === undefined) throw new StoreError('unavailable', `get ${container}/${key}: no body`);
        const stream = body instanceof Readable ? body : Readable.from(body);
        return { stream, info };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toStoreError(error, `get ${container}/${key}`);
      }
    },

    async head(container, key) {
      const blob = await blobClient(container, key);
      try {
        return toInfo(container, key, await blob.getProperties());
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toStoreError(error, `head ${container}/${key}`);
      }
    },

    async delete(container, key) {
      const blob = await blobClient(container, key);
      try {
        return (await blob.deleteIfExists()).succeeded;
      } catch (error) {
        throw toStoreError(error, `delete ${container}/${key}`);
      }
    },

    async list(container, listOpts) {
      const limit = assertListOptions(listOpts);
      const token = listOpts?.continuation === undefined ? undefined : decodeCursor(listOpts.continuation);
      const client = await containerClient(container);
      try {
        const pages = client
          .listBlobsFlat({ prefix: listOpts?.prefix, includeMetadata: true })
          .byPage({ maxPageSize: limit, continuationToken: token });
        const result = await pages.next();
        if (result.done) return { items: [], continuation: null };
        const items = result.value.segment.blobItems.map((item) =>
          toInfo(container, item.name, { ...item.properties, metadata: item.metadata }),
        );
        const next = result.value.continuationToken;
        return { items, continuation: next ? encodeCursor(next) : null };
      } catch (error) {
        throw toStoreError(error, `list ${container}`);
      }
    },

    async signedUrl(container, key, urlOpts) {
      assertContainerName(container);
      assertBlobKey(key);
      assertSignedUrlOptions(urlOpts);
      const blob = service.getContainerClient(container).getBlobClient(key);
      // No startsOn: a clock slightly ahead of the service's must not make fresh URLs unusable.
      const sas = generateBlobSASQueryParameters(
        {
          containerName: container,
          blobName: key,
          permissions: BlobSASPermissions.parse('r'),
          expiresOn: new Date(clock() + urlOpts.expiresInSeconds * 1000),
          contentDisposition:
            urlOpts.downloadName === undefined ? undefined : contentDisposition(urlOpts.downloadName),
        },
        credential,
      );
      return `${blob.url}?${sas.toString()}`;
    },

    publicUrl(container, key, baseUrl) {
      assertContainerName(container);
      assertBlobKey(key);
      if (!isPublicBlobContainer(container)) throw new StoreError('invalid', `${container} is not public`);
      return `${(baseUrl ?? service.url).replace(/\/+$/, '')}/${container}/${encodeBlobKey(key)}`;
    },

    async signedUploadUrl(container, key, upOpts) {
      assertBlobKey(key);
      assertSignedUploadOptions(upOpts);
      // The SAS names one blob; the container must exist before the holder's PUT arrives.
      const blob = (await containerClient(container)).getBlobClient(key);
      const expiresOn = new Date(clock() + upOpts.expiresInSeconds * 1000);
      // Create + write only: the holder can neither read it back nor touch any other blob.
      const sas = generateBlobSASQueryParameters(
        { containerName: container, blobName: key, permissions: BlobSASPermissions.parse('cw'), expiresOn },
        credential,
      );
      return {
        url: `${blob.url}?${sas.toString()}`,
        method: 'PUT',
        headers: {
          'x-ms-blob-type': 'BlockBlob',
          ...(upOpts.contentType === undefined ? {} : { 'content-type': upOpts.contentType }),
        },
        expiresAt: expiresOn.toISOString(),
      };
    },

    async ping() {
      try {
        await service.getProperties();
      } catch (error) {
        throw new StoreError('unavailable', 'azure blob storage did not answer', { cause: error });
      }
    },

    async close() {},
  };
  return store;
};
