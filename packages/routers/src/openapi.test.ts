import { generateOpenApiDocument } from 'trpc-to-openapi';
import { describe, expect, it } from 'vitest';
import { appRouter } from './root';
import type { Meta } from './trpc';

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>;
const withOpenApi = Object.entries(procedures)
  .filter(([, procedure]) => procedure._def.meta?.openapi)
  .map(([path]) => path.replace(/\./g, '-'))
  .sort();

describe('OpenAPI document', () => {
  const doc = generateOpenApiDocument(appRouter, {
    title: 'ByteLyst Platform API',
    version: '1.0.0',
    baseUrl: '/v1',
  });

  it('lists every procedure that has openapi meta, and every procedure has it', () => {
    const operationIds = Object.values(doc.paths ?? {})
      .flatMap((item) => Object.values(item as Record<string, { operationId?: string }>))
      .map((op) => op.operationId)
      .filter((id): id is string => typeof id === 'string')
      .sort();
    expect(operationIds).toEqual(withOpenApi);
    expect(withOpenApi).toHaveLength(Object.keys(appRouter._def.procedures).length);
  });

  it('has query parameters for GET lists, path parameters and public operations without security', () => {
    expect(doc.servers?.[0]?.url).toBe('/v1');
    const list = doc.paths?.['/users']?.get;
    const names = (list?.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
    expect(names).toEqual(expect.arrayContaining(['search', 'role', 'status', 'limit', 'cursor']));
    expect(doc.paths?.['/users/{id}/roles']?.put).toBeDefined();
    expect(doc.paths?.['/auth/login']?.post?.security).toBeUndefined();
    expect(doc.paths?.['/users']?.get?.security).toEqual([{ Authorization: [] }]);
  });

  it('marks exactly the non-public procedures as secured, from the level of the builder each starts from', () => {
    const byOperation = new Map(
      Object.entries(procedures).map(([path, procedure]) => [path.replace(/\./g, '-'), procedure._def.meta]),
    );
    const operations = Object.values(doc.paths ?? {}).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string; security?: unknown[] }>),
    );
    expect(operations).toHaveLength(byOperation.size);
    const levels = new Set<string>();
    for (const operation of operations) {
      const meta = byOperation.get(operation.operationId ?? '');
      expect(meta?.level, operation.operationId).toBeDefined();
      levels.add(meta?.level ?? '');
      const secured = meta?.level !== 'public';
      expect(meta?.openapi?.protect, operation.operationId).toBe(secured);
      if (secured) expect(operation.security, operation.operationId).toEqual([{ Authorization: [] }]);
      else expect(operation.security, operation.operationId).toBeUndefined();
    }
    expect([...levels].sort()).toEqual(['admin', 'authed', 'public', 'superAdmin']);
  });
});
