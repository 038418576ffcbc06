import { buildServer } from '../src/server';
import { createTestServer } from '../src/testing/server';
const main = async () => {
  const base = await createTestServer({ env: { LOG_LEVEL: 'info' } });
  await base.app.close();
  const mk = (trafficRules: boolean) => buildServer({ env: base.env, store: base.store, blob: base.blob, clock: Date.now, services: base.services, logStream: { write: () => undefined }, trafficRules });
  const on = mk(true); const off = mk(false);
  if (process.env.WITH_RULE) await base.services.ratelimit.rules.create(base.env.DEFAULT_PRODUCT_ID, { name: 'b', description: '', match: ['products.getCurrent'], key: 'ip', limit: 1_000_000, windowSeconds: 60, enabled: true, expiresAt: null }, { userId: 'x', email: 'x', ip: '10.0.0.1' });
  const batch = async (app: typeof on, n: number) => { const c = process.cpuUsage(); for (let i = 0; i < n; i++) await app.inject({ method: 'GET', url: '/trpc/products.getCurrent' }); const u = process.cpuUsage(c); return (u.user + u.system) / n; };
  for (let i = 0; i < 5; i++) { await batch(on, 300); await batch(off, 300); }
  const r: number[] = []; let a = 0, b = 0;
  for (let i = 0; i < 30; i++) { const x = await batch(on, 300); const y = await batch(off, 300); r.push(x / y - 1); a += x; b += y; }
  r.sort((p, q) => p - q);
  console.log('median', (r[15]! * 100).toFixed(1), '% ; mean on', (a / 30).toFixed(1), 'off', (b / 30).toFixed(1));
  await on.close(); await off.close(); await base.close();
};
main();
