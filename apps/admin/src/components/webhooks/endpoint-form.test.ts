import type { TWebhookEndpoint } from '@bytelyst/routers/modules/webhooks/schema';
import { describe, expect, it } from 'vitest';
import {
  checkEndpoint,
  emptyEndpoint,
  endpointInput,
  eventTypesOf,
  filterSuggestions,
  valuesOf,
} from './endpoint-form';

const valid = { ...emptyEndpoint(), url: 'https://hooks.example.com/in' };

describe('checkEndpoint', () => {
  it('accepts an http(s) URL alone: an empty filter means every public event', () => {
    expect(checkEndpoint(valid)).toEqual({});
    expect(endpointInput(valid)).toEqual({
      url: 'https://hooks.example.com/in',
      description: '',
      eventTypes: [],
      headers: {},
      rateLimit: null,
    });
  });

  it('puts each problem on its field, with the rules of the API schema', () => {
    const errors = checkEndpoint({
      ...valid,
      url: 'ftp://hooks.example.com',
      eventTypes: ['user.created', 'Not A Type'],
      headers: [{ name: 'webhook-id', value: 'mine' }],
      rateLimit: '0',
    });
    expect(Object.keys(errors).sort()).toEqual(['eventTypes', 'headers', 'rateLimit', 'url']);
    expect(errors.eventTypes).toContain('Not A Type');
    expect(errors.headers).toBe('webhook-id: The platform sets this header itself');
  });

  it('refuses URLs with a fragment, header values without a name and repeated names', () => {
    expect(checkEndpoint({ ...valid, url: 'https://example.com/in#x' }).url).toBeDefined();
    expect(checkEndpoint({ ...valid, headers: [{ name: '', value: 'secret' }] }).headers).toBe(
      'Give every header value a name.',
    );
    expect(
      checkEndpoint({
        ...valid,
        headers: [
          { name: 'X-Tenant', value: 'a' },
          { name: 'x-tenant', value: 'b' },
        ],
      }).headers,
    ).toBe('x-tenant is listed twice.');
    expect(checkEndpoint({ ...valid, rateLimit: '2.5' }).rateLimit).toBeDefined();
    expect(checkEndpoint({ ...valid, rateLimit: '10000' })).toEqual({});
  });
});

describe('the event filter', () => {
  it('adds a typed entry that was not added yet, once', () => {
    expect(eventTypesOf({ ...valid, eventTypes: ['flag.*'], eventDraft: ' user.created ' })).toEqual([
      'flag.*',
      'user.created',
    ]);
    expect(eventTypesOf({ ...valid, eventTypes: ['flag.*'], eventDraft: 'flag.*' })).toEqual(['flag.*']);
    expect(checkEndpoint({ ...valid, eventDraft: 'subscription.' }).eventTypes).toContain('subscription.');
  });

  it('suggests a wildcard per domain, then every type', () => {
    expect(filterSuggestions(['user.created', 'subscription.created', 'user.deleted'])).toEqual([
      'subscription.*',
      'user.*',
      'subscription.created',
      'user.created',
      'user.deleted',
    ]);
  });
});

describe('valuesOf', () => {
  it('round-trips an endpoint through the form', () => {
    const endpoint: TWebhookEndpoint = {
      id: 'ep_1',
      productId: 'bytelyst',
      url: 'https://hooks.example.com/in',
      description: 'Zapier',
      eventTypes: ['subscription.*'],
      enabled: true,
      state: 'healthy',
      disabledReason: null,
      headers: { 'X-Tenant': 'acme' },
      rateLimit: 5,
      signatureScheme: 'v1a',
      publicKey: 'whpk_x',
      previousSecretExpiresAt: null,
      consecutiveFailures: 0,
      lastError: null,
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
    };
    const values = valuesOf(endpoint);
    expect(values.rateLimit).toBe('5');
    expect(endpointInput(values)).toEqual({
      url: endpoint.url,
      description: 'Zapier',
      eventTypes: ['subscription.*'],
      headers: { 'X-Tenant': 'acme' },
      rateLimit: 5,
    });
  });
});
