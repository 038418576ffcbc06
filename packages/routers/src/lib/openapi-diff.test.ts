import { describe, expect, it } from 'vitest';
import { type BreakingChange, describeBreakingChanges, findBreakingChanges } from './openapi-diff';

type Json = Record<string, unknown>;

/** A document with one `POST /things/{id}` operation built from the parts given. */
const doc = (
  parts: {
    query?: Json[];
    body?: Json;
    bodyRequired?: boolean;
    response?: Json;
    status?: string;
    extraPaths?: Json;
    components?: Json;
  } = {},
): Json => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/things/{id}': {
      post: {
        parameters: [
          { in: 'path', name: 'id', required: true, schema: { type: 'string' } },
          ...(parts.query ?? [{ in: 'query', name: 'limit', required: false, schema: { type: 'integer' } }]),
        ],
        requestBody: {
          required: parts.bodyRequired ?? true,
          content: { 'application/json': { schema: parts.body ?? BODY } },
        },
        responses: {
          [parts.status ?? '200']: {
            description: 'ok',
            content: { 'application/json': { schema: parts.response ?? RESPONSE } },
          },
        },
      },
    },
    ...parts.extraPaths,
  },
  ...(parts.components ? { components: parts.components } : {}),
});

const BODY = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 100 },
    kind: { type: 'string', enum: ['a', 'b'] },
    size: { type: 'integer', minimum: 0 },
    note: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['name'],
};
const RESPONSE = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    count: { type: 'number' },
    label: { anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
  required: ['id', 'count'],
};

const withBody = (change: (props: Record<string, Json>) => void, required = BODY.required): Json => {
  const properties = structuredClone(BODY.properties) as Record<string, Json>;
  change(properties);
  return { ...BODY, properties, required };
};
const rules = (changes: BreakingChange[]) => changes.map((change) => `${change.rule} @ ${change.path}`);

describe('findBreakingChanges', () => {
  it('finds nothing between a document and itself', () => {
    expect(findBreakingChanges(doc(), doc())).toEqual([]);
  });

  it('path removed fails; a path added passes', () => {
    const bigger = doc({
      extraPaths: { '/other': { get: { responses: { '200': { description: 'ok' } } } } },
    });
    expect(rules(findBreakingChanges(bigger, doc()))).toEqual(['path-removed @ /other']);
    expect(findBreakingChanges(doc(), bigger)).toEqual([]);
  });

  it('operation removed fails; an operation added passes', () => {
    const withGet = doc();
    (withGet.paths as Json)['/things/{id}'] = {
      ...((withGet.paths as Json)['/things/{id}'] as Json),
      get: { responses: { '200': { description: 'ok' } } },
    };
    expect(rules(findBreakingChanges(withGet, doc()))).toEqual(['operation-removed @ GET /things/{id}']);
    expect(findBreakingChanges(doc(), withGet)).toEqual([]);
  });

  it('parameter removed or renamed fails; an optional parameter added passes', () => {
    const renamed = doc({ query: [{ in: 'query', name: 'max', schema: { type: 'integer' } }] });
    expect(rules(findBreakingChanges(doc(), renamed))).toEqual([
      'parameter-removed @ POST /things/{id} query parameter limit',
    ]);
    const added = doc({
      query: [
        { in: 'query', name: 'limit', schema: { type: 'integer' } },
        { in: 'query', name: 'cursor', required: false, schema: { type: 'string' } },
      ],
    });
    expect(findBreakingChanges(doc(), added)).toEqual([]);
  });

  it('parameter newly required (or added as required) fails; one made optional passes', () => {
    const required = doc({
      query: [{ in: 'query', name: 'limit', required: true, schema: { type: 'integer' } }],
    });
    expect(rules(findBreakingChanges(doc(), required))).toEqual([
      'parameter-newly-required @ POST /things/{id} query parameter limit',
    ]);
    const addedRequired = doc({
      query: [
        { in: 'query', name: 'limit', schema: { type: 'integer' } },
        { in: 'query', name: 'cursor', required: true, schema: { type: 'string' } },
      ],
    });
    expect(rules(findBreakingChanges(doc(), addedRequired))).toEqual([
      'parameter-newly-required @ POST /things/{id} query parameter cursor',
    ]);
    expect(findBreakingChanges(required, doc())).toEqual([]);
  });

  it('request property newly required fails; a new optional property passes', () => {
    const stricter = doc({ body: withBody(() => {}, ['name', 'note']) });
    expect(rules(findBreakingChanges(doc(), stricter))).toEqual([
      'request-property-newly-required @ POST /things/{id} requestBody.note',
    ]);
    const added = doc({ body: withBody((p) => Object.assign(p, { extra: { type: 'boolean' } })) });
    expect(findBreakingChanges(doc(), added)).toEqual([]);
    const addedRequired = doc({
      body: withBody((p) => Object.assign(p, { extra: { type: 'boolean' } }), ['name', 'extra']),
    });
    expect(rules(findBreakingChanges(doc(), addedRequired))).toEqual([
      'request-property-newly-required @ POST /things/{id} requestBody.extra',
    ]);
  });

  it('request property removed fails; a body made optional passes', () => {
    const removed = doc({ body: withBody((p) => delete p.note) });
    expect(rules(findBreakingChanges(doc(), removed))).toEqual([
      'request-property-removed @ POST /things/{id} requestBody.note',
    ]);
    expect(findBreakingChanges(doc(), doc({ bodyRequired: false }))).toEqual([]);
    expect(rules(findBreakingChanges(doc({ bodyRequired: false }), doc()))).toEqual([
      'request-body-newly-required @ POST /things/{id} requestBody',
    ]);
  });

  it('type changed fails; a type widened (integer to number, or nullable) passes', () => {
    const changed = doc({ body: withBody((p) => Object.assign(p, { size: { type: 'string' } })) });
    expect(rules(findBreakingChanges(doc(), changed))).toEqual([
      'type-narrowed @ POST /things/{id} requestBody.size',
    ]);
    const widened = doc({
      body: withBody((p) =>
        Object.assign(p, { size: { type: 'number', minimum: 0 }, note: { type: ['string', 'null'] } }),
      ),
    });
    expect(findBreakingChanges(doc(), widened)).toEqual([]);
    const paramNarrowed = doc({ query: [{ in: 'query', name: 'limit', schema: { type: 'boolean' } }] });
    expect(rules(findBreakingChanges(doc(), paramNarrowed))).toEqual([
      'type-narrowed @ POST /things/{id} query parameter limit',
    ]);
  });

  it('enum value removed fails; an enum value added passes', () => {
    const fewer = doc({ body: withBody((p) => Object.assign(p, { kind: { type: 'string', enum: ['a'] } })) });
    expect(rules(findBreakingChanges(doc(), fewer))).toEqual([
      'enum-value-removed @ POST /things/{id} requestBody.kind',
    ]);
    const more = doc({
      body: withBody((p) => Object.assign(p, { kind: { type: 'string', enum: ['a', 'b', 'c'] } })),
    });
    expect(findBreakingChanges(doc(), more)).toEqual([]);
  });

  it('format or pattern added fails; one removed passes', () => {
    const formatted = doc({
      body: withBody((p) => Object.assign(p, { note: { type: 'string', format: 'email' } })),
    });
    expect(rules(findBreakingChanges(doc(), formatted))).toEqual([
      'format-added @ POST /things/{id} requestBody.note',
    ]);
    expect(findBreakingChanges(formatted, doc())).toEqual([]);
    const patterned = doc({
      body: withBody((p) => Object.assign(p, { note: { type: 'string', pattern: '^[a-z]+$' } })),
    });
    expect(rules(findBreakingChanges(doc(), patterned))).toEqual([
      'pattern-added @ POST /things/{id} requestBody.note',
    ]);
    expect(findBreakingChanges(patterned, doc())).toEqual([]);
  });

  it('maxLength lowered or minimum raised fails; either relaxed passes', () => {
    const shorter = doc({
      body: withBody((p) => Object.assign(p, { name: { type: 'string', maxLength: 50 } })),
    });
    expect(rules(findBreakingChanges(doc(), shorter))).toEqual([
      'limit-narrowed @ POST /things/{id} requestBody.name',
    ]);
    const raised = doc({
      body: withBody((p) => Object.assign(p, { size: { type: 'integer', minimum: 1 } })),
    });
    expect(rules(findBreakingChanges(doc(), raised))).toEqual([
      'limit-narrowed @ POST /things/{id} requestBody.size',
    ]);
    const relaxed = doc({
      body: withBody((p) =>
        Object.assign(p, {
          name: { type: 'string', maxLength: 200 },
          size: { type: 'integer', minimum: -1 },
        }),
      ),
    });
    expect(findBreakingChanges(doc(), relaxed)).toEqual([]);
  });

  it('looks inside arrays and through $refs', () => {
    const refBody = (items: Json) =>
      doc({
        body: { $ref: '#/components/schemas/Body' },
        components: {
          schemas: { Body: withBody((p) => Object.assign(p, { tags: { type: 'array', items } })) },
        },
      });
    expect(rules(findBreakingChanges(doc(), refBody({ type: 'string', maxLength: 3 })))).toEqual([
      'limit-narrowed @ POST /things/{id} requestBody.tags[]',
    ]);
    expect(findBreakingChanges(doc(), refBody({ type: 'string' }))).toEqual([]);
  });

  it('response property removed fails; a response property added passes', () => {
    const { label: _, ...rest } = RESPONSE.properties;
    const fewer = doc({ response: { ...RESPONSE, properties: rest } });
    expect(rules(findBreakingChanges(doc(), fewer))).toEqual([
      'response-property-removed @ POST /things/{id} response 200.label',
    ]);
    const more = doc({
      response: { ...RESPONSE, properties: { ...RESPONSE.properties, extra: { type: 'string' } } },
    });
    expect(findBreakingChanges(doc(), more)).toEqual([]);
  });

  it('response property newly optional fails; one newly required passes', () => {
    const optional = doc({ response: { ...RESPONSE, required: ['id'] } });
    expect(rules(findBreakingChanges(doc(), optional))).toEqual([
      'response-property-newly-optional @ POST /things/{id} response 200.count',
    ]);
    expect(
      findBreakingChanges(doc(), doc({ response: { ...RESPONSE, required: ['id', 'count', 'label'] } })),
    ).toEqual([]);
  });

  it('response type changed fails; a response type narrowed (number to integer) passes', () => {
    const changed = doc({
      response: { ...RESPONSE, properties: { ...RESPONSE.properties, count: { type: 'string' } } },
    });
    expect(rules(findBreakingChanges(doc(), changed))).toEqual([
      'response-type-changed @ POST /things/{id} response 200.count',
    ]);
    const integer = doc({
      response: { ...RESPONSE, properties: { ...RESPONSE.properties, count: { type: 'integer' } } },
    });
    expect(findBreakingChanges(doc(), integer)).toEqual([]);
  });

  it('success status changed fails; an error response added passes', () => {
    expect(rules(findBreakingChanges(doc(), doc({ status: '202' })))).toEqual([
      'success-status-changed @ POST /things/{id} responses',
    ]);
    const withError = doc();
    const post = ((withError.paths as Json)['/things/{id}'] as Json).post as Json;
    (post.responses as Json)['404'] = { description: 'missing' };
    expect(findBreakingChanges(doc(), withError)).toEqual([]);
  });

  it('names each change with its path and says how to refresh or bump', () => {
    const message = describeBreakingChanges(findBreakingChanges(doc(), doc({ status: '202' })), {
      version: 'v1',
      refresh: 'pnpm --filter @bytelyst/api openapi:snapshot',
    });
    expect(message).toContain('POST /things/{id} responses: success status 200 became 202');
    expect(message).toContain('pnpm --filter @bytelyst/api openapi:snapshot');
    expect(message).toContain('new API version');
  });
});
