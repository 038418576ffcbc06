/** Conversion between stored documents and their Cosmos form (expiry property, synthetic pk, system fields). */
import type { Container as SdkContainer } from '@azure/cosmos';
import type { BaseDoc, ContainerDef, Stored } from '../document-store';
import type { Stamped } from '../driver-common';
import { statusOf } from './cosmos-errors';
import { EXPIRES_AT, SYNTHETIC_PK } from './cosmos-sql';

export type RawDoc = Record<string, unknown> & { id: string; _etag?: string };

/** The property Cosmos partitions by: the single key field, or the synthetic `pk`. */
export function partitionField(def: ContainerDef): string {
  const [only, ...rest] = def.partitionKey;
  return only !== undefined && rest.length === 0 ? only : SYNTHETIC_PK;
}

export function partitionPath(def: ContainerDef): string {
  return `/${partitionField(def).split('.').join('/')}`;
}

const HIDDEN = ['_rid', '_self', '_attachments', '_lsn', EXPIRES_AT];

/** The body sent to Cosmos: no `_etag`/`_ts` (Cosmos owns them), plus expiry and the synthetic key. */
export function toCosmos<T extends BaseDoc>(def: ContainerDef, stamped: Stamped<T>): RawDoc {
  const { _etag: _e, _ts: _t, ...rest } = stamped.doc;
  const body: RawDoc = { ...rest, id: stamped.doc.id };
  // Never trust caller-supplied copies of the driver's own properties.
  for (const key of HIDDEN) delete body[key];
  if (stamped.expiresAt !== null) body[EXPIRES_AT] = stamped.expiresAt / 1000;
  if (partitionField(def) === SYNTHETIC_PK) body[SYNTHETIC_PK] = stamped.pk;
  return body;
}

/** A Cosmos resource as the store returns it: only `_etag` and `_ts` of the system fields remain. */
export function fromCosmos<T extends BaseDoc>(def: ContainerDef, raw: unknown): Stored<T> {
  const doc = { ...(raw as Record<string, unknown>) };
  for (const key of HIDDEN) delete doc[key];
  if (partitionField(def) === SYNTHETIC_PK) delete doc[SYNTHETIC_PK];
  return doc as Stored<T>;
}

export function isLive(raw: RawDoc, nowMs: number): boolean {
  const expires = raw[EXPIRES_AT];
  return typeof expires !== 'number' || expires > nowMs / 1000;
}

/** Point read of the raw resource, expired or not; undefined when absent. */
export async function readRaw(container: SdkContainer, id: string, pk: string): Promise<RawDoc | undefined> {
  try {
    const { resource } = await container.item(id, pk).read<RawDoc>();
    return resource ?? undefined;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/** Deletes an expired leftover so its id can be reused; losing a race to another writer is fine. */
export async function deleteExpired(container: SdkContainer, raw: RawDoc, pk: string): Promise<boolean> {
  try {
    await container
      .item(raw.id, pk)
      .delete({ accessCondition: { type: 'IfMatch', condition: raw._etag ?? '' } });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 412) return false;
    throw error;
  }
}
