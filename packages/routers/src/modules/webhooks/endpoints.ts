import { type Clock, isStoreError, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { refusalIn } from '../../lib/outbound';
import type { SecretBox } from '../../lib/secret-box';
import { isoNow } from '../../lib/time';
import { DISABLE_AFTER_FAILURES, ROTATION_OVERLAP_MS } from './config';
import type { EndpointHealth, EngineEndpoint } from './engine';
import { assertEventFilter } from './event-types';
import { type EndpointDoc, MAX_ENDPOINTS, type WebhooksRepository } from './repository';
import type { TWebhookEndpoint, TWebhookEndpointCreateInput, TWebhookEndpointUpdateInput } from './schema';
import type { WebhookTransport } from './send';
import { generateWebhookSecret, generateWebhookSigningKey } from './signing';

/** An endpoint's secrets are sealed for it: copied onto another record they do not open. */
export const secretContext = (productId: string, endpointId: string) => `webhook:${productId}:${endpointId}`;

export const toEndpoint = (doc: Stored<EndpointDoc> | EndpointDoc): TWebhookEndpoint => {
  const {
    secretSealed: _s,
    previousSecretSealed: _p,
    createdBy: _c,
    ...rest
  } = withoutSystemFields(doc as Stored<EndpointDoc>);
  return rest;
};

export type EndpointsDeps = {
  repo: WebhooksRepository;
  clock: Clock;
  bus: EventBus;
  secretBox: SecretBox;
  transport: WebhookTransport;
};

const newSecret = (scheme: EndpointDoc['signatureScheme']) =>
  scheme === 'v1a' ? generateWebhookSigningKey() : { secret: generateWebhookSecret(), publicKey: null };

/** Admin management of a product's webhook endpoints, and the health accounting the engine reports to. */
export const createEndpointsService = (deps: EndpointsDeps) => {
  const { repo, clock, bus, secretBox } = deps;
  const opened = new Map<string, string>();

  const open = (sealed: string, context: string): string => {
    let plain = opened.get(sealed);
    if (plain === undefined) {
      plain = secretBox.open(sealed, context);
      if (opened.size > 1000) opened.clear();
      opened.set(sealed, plain);
    }
    return plain;
  };

  const load = async (productId: string, id: string): Promise<Stored<EndpointDoc>> => {
    const doc = await repo.getEndpoint(productId, id);
    if (!doc) throw new AppError('NOT_FOUND', `Webhook endpoint '${id}' not found`);
    return doc;
  };

  const conflictOnStale = (error: unknown): never => {
    if (isStoreError(error, 'precondition_failed')) {
      throw new AppError('CONFLICT', 'This endpoint was changed meanwhile; reload it and try again');
    }
    throw error;
  };

  /** The URL's host must resolve to addresses the guard allows; a refusal is a 400 naming `url`. */
  const assertReachable = async (url: string) => {
    try {
      await deps.transport.check(url);
    } catch (error) {
      const refusal = refusalIn(error);
      if (!refusal) throw error;
      throw new AppError('VALIDATION', 'This URL is not allowed for webhooks', {
        fields: [{ path: 'url', message: refusal.message }],
      });
    }
  };

  /** The secrets a message is signed with now: the current one, and the previous one during its overlap. */
  const secretsOf = (doc: EndpointDoc): string[] => {
    const context = secretContext(doc.productId, doc.id);
    const current = open(doc.secretSealed, context);
    const overlap =
      doc.previousSecretSealed !== null &&
      doc.previousSecretExpiresAt !== null &&
      Date.parse(doc.previousSecretExpiresAt) > clock();
    return overlap && doc.previousSecretSealed
      ? [current, open(doc.previousSecretSealed, context)]
      : [current];
  };

  const health: EndpointHealth = {
    async succeeded(endpoint) {
      if (endpoint.consecutiveFailures === 0 && endpoint.state !== 'failing') return;
      await repo.mutateEndpoint(
        endpoint.productId,
        endpoint.id,
        (current) =>
          current.consecutiveFailures === 0 && current.state !== 'failing'
            ? null
            : {
                ...withoutSystemFields(current),
                consecutiveFailures: 0,
                state: current.enabled ? 'healthy' : 'disabled',
              },
        (_next, current) =>
          current.state === 'failing'
            ? bus.stage(
                'webhook.endpoint_recovered',
                { endpointId: current.id },
                { productId: current.productId },
              )
            : undefined,
      );
    },
    async exhausted(endpoint, error) {
      await repo.mutateEndpoint(
        endpoint.productId,
        endpoint.id,
        (current) => {
          const failures = current.consecutiveFailures + 1;
          const disable = current.enabled && failures >= DISABLE_AFTER_FAILURES;
          return {
            ...withoutSystemFields(current),
            consecutiveFailures: failures,
            lastError: error,
            ...(disable
              ? {
                  enabled: false,
                  state: 'disabled' as const,
                  disabledReason: 'consecutive_failures' as const,
                }
              : current.enabled
                ? { state: 'failing' as const }
                : {}),
          };
        },
        (next, current) => {
          const scope = { productId: current.productId };
          if (current.enabled && !next.enabled) {
            return bus.stage(
              'webhook.endpoint_disabled',
              {
                endpointId: current.id,
                url: current.url,
                reason: 'consecutive_failures',
                consecutiveFailures: next.consecutiveFailures,
                lastError: error,
              },
              scope,
            );
          }
          if (current.state === 'healthy' && next.state === 'failing') {
            return bus.stage(
              'webhook.endpoint_failing',
              {
                endpointId: current.id,
                url: current.url,
                consecutiveFailures: next.consecutiveFailures,
                lastError: error,
              },
              scope,
            );
          }
          return undefined;
        },
      );
    },
    async gone(endpoint, error) {
      await repo.mutateEndpoint(
        endpoint.productId,
        endpoint.id,
        (current) =>
          current.enabled
            ? {
                ...withoutSystemFields(current),
                enabled: false,
                state: 'disabled',
                disabledReason: 'gone',
                lastError: error,
              }
            : null,
        (_next, current) =>
          bus.stage(
            'webhook.endpoint_disabled',
            {
              endpointId: current.id,
              url: current.url,
              reason: 'gone',
              consecutiveFailures: current.consecutiveFailures,
              lastError: error,
            },
            { productId: current.productId },
          ),
      );
    },
  };

  return {
    load,
    health,
    secretsOf,
    /** What the engine needs to attempt a message: the endpoint and its opened secrets. */
    async forDelivery(productId: string, id: string): Promise<EngineEndpoint | undefined> {
      const doc = await repo.getEndpoint(productId, id);
      if (!doc) return undefined;
      return { doc, target: { url: doc.url, headers: doc.headers, secrets: secretsOf(doc) } };
    },
    list: (productId: string) => repo.listEndpoints(productId),
    async create(
      productId: string,
      input: TWebhookEndpointCreateInput,
      actorId: string,
    ): Promise<TWebhookEndpoint & { secret: string }> {
      const eventTypes = assertEventFilter(input.eventTypes);
      await assertReachable(input.url);
      if ((await repo.countEndpoints(productId)) >= MAX_ENDPOINTS) {
        throw new AppError('CONFLICT', `A product has at most ${MAX_ENDPOINTS} webhook endpoints`);
      }
      const id = `ep_${randomId(12)}`;
      const now = isoNow(clock);
      const { secret, publicKey } = newSecret(input.signatureScheme);
      const doc: EndpointDoc = {
        id,
        productId,
        url: input.url,
        description: input.description,
        eventTypes,
        enabled: input.enabled,
        state: input.enabled ? 'healthy' : 'disabled',
        disabledReason: input.enabled ? null : 'admin',
        headers: input.headers,
        rateLimit: input.rateLimit,
        signatureScheme: input.signatureScheme,
        publicKey,
        secretSealed: secretBox.seal(secret, secretContext(productId, id)),
        previousSecretSealed: null,
        previousSecretExpiresAt: null,
        consecutiveFailures: 0,
        lastError: null,
        createdAt: now,
        updatedAt: now,
        createdBy: actorId,
      };
      const created = await repo.createEndpoint(
        doc,
        bus.stage(
          'webhook.endpoint_created',
          { endpointId: id, url: doc.url, eventTypes },
          { productId, actorId },
        ),
      );
      return { ...toEndpoint(created), secret };
    },
    async update(
      productId: string,
      input: TWebhookEndpointUpdateInput,
      actorId: string,
    ): Promise<TWebhookEndpoint> {
      const doc = await load(productId, input.id);
      const eventTypes = input.eventTypes === undefined ? undefined : assertEventFilter(input.eventTypes);
      if (input.url !== undefined && input.url !== doc.url) await assertReachable(input.url);
      const enabling = input.enabled === true && !doc.enabled;
      const disabling = input.enabled === false && doc.enabled;
      const next: EndpointDoc = {
        ...withoutSystemFields(doc),
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(eventTypes !== undefined ? { eventTypes } : {}),
        ...(input.headers !== undefined ? { headers: input.headers } : {}),
        ...(input.rateLimit !== undefined ? { rateLimit: input.rateLimit } : {}),
        // Enabling by hand starts afresh; disabling by hand says so.
        ...(enabling
          ? { enabled: true, state: 'healthy', disabledReason: null, consecutiveFailures: 0 }
          : {}),
        ...(disabling ? { enabled: false, state: 'disabled', disabledReason: 'admin' } : {}),
      };
      const fields = ['url', 'description', 'eventTypes', 'headers', 'rateLimit', 'enabled'] as const;
      const changes = fields.filter((field) => JSON.stringify(next[field]) !== JSON.stringify(doc[field]));
      if (changes.length === 0) return toEndpoint(doc);
      const saved = await repo
        .replaceEndpoint(
          { ...next, updatedAt: isoNow(clock) },
          doc._etag,
          bus.stage('webhook.endpoint_updated', { endpointId: doc.id, changes }, { productId, actorId }),
        )
        .catch(conflictOnStale);
      return toEndpoint(saved);
    },
    async delete(productId: string, id: string, actorId: string): Promise<{ id: string; deleted: true }> {
      const doc = await load(productId, id);
      await repo
        .deleteEndpoint(
          productId,
          id,
          doc._etag,
          bus.stage('webhook.endpoint_deleted', { endpointId: id, url: doc.url }, { productId, actorId }),
        )
        .catch(conflictOnStale);
      return { id, deleted: true };
    },
    /** A new secret, shown once; the previous one keeps signing for 24 hours so receivers can switch. */
    async rotate(
      productId: string,
      id: string,
      actorId: string,
    ): Promise<TWebhookEndpoint & { secret: string }> {
      const doc = await load(productId, id);
      const { secret, publicKey } = newSecret(doc.signatureScheme);
      const previousExpiresAt = new Date(clock() + ROTATION_OVERLAP_MS).toISOString();
      const saved = await repo
        .replaceEndpoint(
          {
            ...withoutSystemFields(doc),
            secretSealed: secretBox.seal(secret, secretContext(productId, id)),
            previousSecretSealed: doc.secretSealed,
            previousSecretExpiresAt: previousExpiresAt,
            publicKey,
            updatedAt: isoNow(clock),
          },
          doc._etag,
          bus.stage('webhook.secret_rotated', { endpointId: id, previousExpiresAt }, { productId, actorId }),
        )
        .catch(conflictOnStale);
      return { ...toEndpoint(saved), secret };
    },
  };
};

export type EndpointsService = ReturnType<typeof createEndpointsService>;
