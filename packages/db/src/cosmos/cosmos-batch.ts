/**
 * Transactional batch on Cosmos (`container.items.batch`): one partition, all or nothing. Documents that
 * involve an id are read first so that expiry behaves as on sqlite (an expired document is absent: replace
 * and delete of it fail with not_found, create over it succeeds), and replace/delete carry the etag they
 * were checked against so the check and the write cannot be split by another writer.
 */
import type { JSONObject, OperationInput, OperationResponse, Container as SdkContainer } from '@azure/cosmos';
import { afterCommit, assertOutbox } from '../commit';
import type { BaseDoc, BatchOperation, Clock, ContainerDef, Outbox, Stored } from '../document-store';
import { StoreError } from '../document-store';
import { assertBatchSize, assertId, partitionKeyOf, stamp } from '../driver-common';
import { deleteExpired, fromCosmos, isLive, readRaw, toCosmos } from './cosmos-doc';
import { storeErrorForStatus } from './cosmos-errors';
import { type ContainerResolver, finishOutbox, stageOutbox } from './cosmos-outbox';

const RETRIES = 3;

function idOf<T extends BaseDoc>(op: BatchOperation<T>): string {
  return op.op === 'delete' ? op.id : op.doc.id;
}

/** Builds the SDK operations after checking the current state of every document involved. */
async function prepare<T extends BaseDoc>(
  sdk: SdkContainer,
  def: ContainerDef,
  clock: Clock,
  pk: string,
  operations: readonly BatchOperation<T>[],
): Promise<OperationInput[]> {
  const current = await Promise.all(operations.map((op) => readRaw(sdk, assertId(idOf(op)), pk)));
  // Every operation also names its partition key: the SDK forwards a per-operation key, and
  // @vercel/cosmosdb-server answers 500 to upsert/replace/delete in a batch without one.
  const inputs: OperationInput[] = [];
  for (const [i, op] of operations.entries()) {
    const raw = current[i];
    const alive = raw && isLive(raw, clock()) ? raw : undefined;
    if (raw && !alive && op.op === 'create') await deleteExpired(sdk, raw, pk);
    if (op.op === 'create' || op.op === 'upsert') {
      const body = toCosmos(def, stamp(def, op.doc, op.ttl, clock)) as JSONObject;
      inputs.push({
        operationType: op.op === 'create' ? 'Create' : 'Upsert',
        partitionKey: pk,
        resourceBody: body,
      });
      continue;
    }
    const id = idOf(op);
    if (!alive) throw new StoreError('not_found', `${def.name}/${id} not found`);
    if (op.ifMatch !== undefined && op.ifMatch !== alive._etag) {
      throw new StoreError('precondition_failed', `${def.name}/${id} has changed (etag mismatch)`);
    }
    if (op.op === 'replace') {
      const body = toCosmos(def, stamp(def, op.doc, op.ttl, clock)) as JSONObject;
      inputs.push({
        operationType: 'Replace',
        id,
        partitionKey: pk,
        ifMatch: alive._etag,
        resourceBody: body,
      });
    } else {
      // The SDK's type omits ifMatch on delete, but the service honours it like on every other operation.
      const del = { operationType: 'Delete', id, partitionKey: pk, ifMatch: alive._etag } as OperationInput;
      inputs.push(del);
    }
  }
  return inputs;
}

/** The first real failure in a batch response (the others are 424 failed-dependency), or undefined. */
function failureOf(results: readonly OperationResponse[]): OperationResponse | undefined {
  return (
    results.find((r) => r.statusCode >= 400 && r.statusCode !== 424) ??
    results.find((r) => r.statusCode >= 400)
  );
}

export type BatchEnv = { sdk: SdkContainer; def: ContainerDef; clock: Clock; resolve: ContainerResolver };

export async function runBatch<T extends BaseDoc>(
  env: BatchEnv,
  pk: string,
  operations: readonly BatchOperation<T>[],
  outbox?: Outbox,
): Promise<Stored<T>[]> {
  const { sdk, def, clock } = env;
  const entries = outbox?.entries ?? [];
  if (operations.length === 0 && entries.length === 0) {
    afterCommit(outbox, []);
    return [];
  }
  assertBatchSize(operations.length + (entries.length > 0 ? 1 : 0));
  assertOutbox(outbox, env.resolve);
  for (const op of operations) {
    if (op.op !== 'delete' && partitionKeyOf(def, op.doc) !== pk) {
      throw new StoreError('invalid', `Batch document ${op.doc.id} is outside partition ${pk}`);
    }
  }
  for (let attempt = 0; ; attempt++) {
    const inputs = await prepare(sdk, def, clock, pk, operations);
    const staged = entries.length > 0 ? stageOutbox(def, pk, entries, clock) : undefined;
    if (staged) inputs.push(staged.input);
    const response = await sdk.items.batch(inputs, pk);
    const results = response.result ?? [];
    const failure = failureOf(results);
    if (!failure && response.code !== undefined && response.code >= 400) {
      throw storeErrorForStatus(response.code, `Batch on ${def.name} failed with status ${response.code}`);
    }
    if (!failure) {
      const written = results
        .slice(0, operations.length)
        .flatMap((r, i) => (operations[i]?.op === 'delete' ? [] : [fromCosmos<T>(def, r.resourceBody)]));
      if (!staged) {
        afterCommit(outbox, []);
        return written;
      }
      try {
        afterCommit(outbox, await finishOutbox(sdk, env.resolve, staged.id, staged.body));
      } catch {
        // Committed with its outbox document: the relay places the entries; until then nothing runs early.
      }
      return written;
    }
    // A 412 on an etag we took ourselves (the caller gave none) means another writer won a race: retry.
    const failedOp = operations[results.indexOf(failure)];
    const implicitEtag =
      failedOp && failedOp.op !== 'create' && failedOp.op !== 'upsert' && !failedOp.ifMatch;
    if (failure.statusCode === 412 && implicitEtag && attempt < RETRIES) continue;
    throw storeErrorForStatus(
      failure.statusCode,
      `Batch on ${def.name} failed with status ${failure.statusCode}`,
    );
  }
}
