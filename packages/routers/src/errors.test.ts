import { StoreError } from '@bytelyst/db/document-store';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ERROR_TABLE, AppError, toTRPCError } from './errors';
import { shapeOf, trpcErrorOf } from './testing/expect-error';
import { createTestHarness, type TestHarness } from './testing/harness';

describe('errors', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('maps every AppError code through the one table', () => {
    for (const [code, row] of Object.entries(APP_ERROR_TABLE)) {
      const error = toTRPCError(new AppError(code as keyof typeof APP_ERROR_TABLE, 'x'));
      expect(error.code).toBe(row.trpc);
      expect(shapeOf(error).data.httpStatus).toBe(row.http);
      expect(shapeOf(error).data.appCode).toBe(code);
    }
  });

  it('maps StoreError codes', () => {
    expect(toTRPCError(new StoreError('conflict', 'dup')).code).toBe('CONFLICT');
    expect(toTRPCError(new StoreError('not_found', 'gone')).code).toBe('NOT_FOUND');
    expect(toTRPCError(new StoreError('precondition_failed', 'stale')).code).toBe('PRECONDITION_FAILED');
    expect(toTRPCError(new StoreError('invalid', 'bad')).code).toBe('BAD_REQUEST');
  });

  it('hides internal messages and stacks', () => {
    const shape = shapeOf(toTRPCError(new Error('db password is hunter2')));
    expect(shape.message).toBe('Internal server error');
    expect(JSON.stringify(shape)).not.toContain('hunter2');
    expect(shape.data).not.toHaveProperty('stack');
    const raw = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('secret detail') });
    expect(shapeOf(raw).message).toBe('Internal server error');
  });

  it('bad input is BAD_REQUEST with fields naming each failing field', async () => {
    const caller = await h.anonymous();
    const error = await trpcErrorOf(() =>
      caller.auth.register({ email: 'not-an-email', password: 'short', name: 'Ann' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    const shape = shapeOf(error, 'auth.register');
    expect(shape.data.httpStatus).toBe(400);
    const paths = (shape.data.fields ?? []).map((f) => f.path).sort();
    expect(paths).toEqual(['email', 'password']);
  });

  it('admin input errors name nested fields too', async () => {
    const { caller } = await h.root();
    const error = await trpcErrorOf(() =>
      caller.users.create({
        email: 'a@b.co',
        name: 'A',
        password: 'long-enough-pw',
        roles: ['owner' as 'user'],
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(shapeOf(error).data.fields?.[0]?.path).toBe('roles.0');
  });
});
