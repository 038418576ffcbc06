import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsBlobStore } from '@bytelyst/db/blob-fs';
import { createSqliteStore } from '@bytelyst/db/sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapPlatform } from './bootstrap';
import { ALL_CONTAINERS, createServices } from './services';

describe('bootstrapPlatform', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  const platform = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'routers-boot-'));
    dirs.push(dir);
    const clock = () => Date.parse('2026-01-01T00:00:00Z');
    const store = createSqliteStore({ path: join(dir, 'db.sqlite'), clock });
    await store.init(ALL_CONTAINERS);
    const blob = createFsBlobStore({
      root: join(dir, 'b'),
      signingSecret: 's',
      publicBaseUrl: 'http://x/b',
      clock,
    });
    const config = {
      jwtSecret: 'x'.repeat(32),
      accessTokenTtlSeconds: 900,
      sessionTtlDays: 30,
      defaultProductId: 'bytelyst',
    };
    return createServices({ store, blob, clock, config });
  };

  it('generates a super_admin once, with a random password, and is idempotent', async () => {
    const services = await platform();
    const first = await bootstrapPlatform(services, {});
    expect(first.createdAdmin?.email).toBe('admin@bytelyst.local');
    expect(first.createdAdmin?.password.length).toBeGreaterThanOrEqual(20);
    expect((await services.products.get('bytelyst')).status).toBe('active');
    const login = await services.auth.login(
      'bytelyst',
      { email: 'admin@bytelyst.local', password: first.createdAdmin?.password ?? '' },
      { ip: '127.0.0.1', userAgent: 't' },
    );
    expect(login.user.roles).toEqual(['super_admin']);
    expect(await bootstrapPlatform(services, {})).toEqual({});
    expect(await services.users.count('bytelyst')).toBe(1);
    expect(await services.products.count()).toBe(1);
    await services.store.close();
  });

  it('uses the credentials from env and never echoes them', async () => {
    const services = await platform();
    const result = await bootstrapPlatform(services, {
      adminEmail: 'Ops@Example.com',
      adminPassword: 'from-env-password',
    });
    expect(result).toEqual({});
    expect((await services.users.findByEmail('bytelyst', 'ops@example.com'))?.roles).toEqual(['super_admin']);
    await services.store.close();
  });
});
