import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Migration } from '@bytelyst/db/migrations/definition';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from './env';
import { createPlatform, type Platform } from './platform';
import { loginRest, rest } from './testing/http';
import { createTestServer, type TestServer } from './testing/server';

type Listed = {
  items: { id: string; status: string; error: string | null; attempts: number; instanceId: string | null }[];
};

const failing: Migration = {
  version: 950,
  name: 'broken_backfill',
  description: 'Throws on every run',
  reversible: true,
  up: async () => {
    throw new Error('the backfill hit a document it cannot read');
  },
  down: async () => {},
};

describe('migrations at start-up', () => {
  let t: TestServer;
  let token: string;
  beforeAll(async () => {
    t = await createTestServer({ extraMigrations: [failing] });
    token = await loginRest(t.app, t.admin.email, t.admin.password);
  });
  afterAll(async () => t?.close());

  it('applies the platform migrations, records a failing one, and serves anyway', async () => {
    expect((await t.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    const res = await rest(t.app, 'GET', '/migrations', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((res.body as Listed).items.map((m) => [m.id, m.status])).toEqual([
      ['001_users_email_verified', 'applied'],
      ['002_products_settings', 'applied'],
      ['003_tracker_roadmap_fields', 'applied'],
      ['950_broken_backfill', 'failed'],
    ]);
    expect((res.body as Listed).items[3]?.error).toBe('the backfill hit a document it cannot read');
  });

  it('serves the operations on the REST face: dry run, retry (still failing), approve refused for a reversible one', async () => {
    const dry = await rest(t.app, 'GET', '/migrations/001_users_email_verified/dry-run', {
      token,
      query: { direction: 'down' },
    });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ id: '001_users_email_verified', direction: 'down', error: null });
    const retry = await rest(t.app, 'POST', '/migrations/950_broken_backfill/retry', { token, body: {} });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(retry.body).toMatchObject({ status: 'failed', attempts: 2 });
    const approve = await rest(t.app, 'POST', '/migrations/950_broken_backfill/approve', { token, body: {} });
    expect(approve.status).toBe(409);
    const bad = await rest(t.app, 'POST', '/migrations/DROP%20TABLE/rollback', { token, body: {} });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('id');
    expect((await rest(t.app, 'GET', '/migrations')).status).toBe(401);
  });
});

describe('two instances starting on one store', () => {
  let dir: string;
  const platforms: Platform[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bytelyst-migrations-'));
  });
  afterAll(async () => {
    for (const p of platforms) {
      await p.app.close();
      await p.services.bus.stop();
      await p.store.close().catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('one applies each migration while the other waits, then finds them applied', async () => {
    let runs = 0;
    const slow: Migration = {
      version: 960,
      name: 'slow_backfill',
      description: 'Takes a moment',
      reversible: true,
      up: async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 150));
      },
      down: async () => {},
    };
    const envFor = (instance: string) =>
      parseEnv({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: dir,
        JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
        INSTANCE_ID: instance,
      });
    platforms.push(
      ...(await Promise.all([
        createPlatform(envFor('api-one'), { extraMigrations: [slow] }),
        createPlatform(envFor('api-two'), { extraMigrations: [slow] }),
      ])),
    );
    expect(runs).toBe(1);
    const { items } = await (platforms[0] as Platform).services.migrations.list();
    expect(items.map((m) => [m.id, m.status, m.attempts])).toEqual([
      ['001_users_email_verified', 'applied', 1],
      ['002_products_settings', 'applied', 1],
      ['003_tracker_roadmap_fields', 'applied', 1],
      ['960_slow_backfill', 'applied', 1],
    ]);
    expect(new Set(items.map((m) => m.instanceId)).size).toBe(1);
  });
});
