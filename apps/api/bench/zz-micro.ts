import { createContextFactory } from '@bytelyst/routers/context';
import { appRouter } from '@bytelyst/routers/root';
import { createTestServer } from '../src/testing';
const base = await createTestServer({ env: { LOG_LEVEL: 'silent' } });
const createContext = createContextFactory(base.services);
const proc = (appRouter._def.procedures as any)['products.current'];
const req = { headers: { host: '127.0.0.1', 'user-agent': 'x' }, ip: '127.0.0.1', requestId: 'r' };
const N = 20000;
for (let r = 0; r < 4; r++) {
  let t0 = process.cpuUsage();
  for (let i = 0; i < N; i++) await createContext(req);
  const ctxUs = ((u) => u.user + u.system)(process.cpuUsage(t0)) / N;
  t0 = process.cpuUsage();
  const ctx = await createContext(req);
  for (let i = 0; i < N; i++) await proc({ path: 'products.current', getRawInput: async () => ({}), ctx, type: 'query', signal: undefined, batchIndex: 0 });
  const procUs = ((u) => u.user + u.system)(process.cpuUsage(t0)) / N;
  t0 = process.cpuUsage();
  for (let i = 0; i < N; i++) JSON.stringify(await proc({ path: 'products.current', getRawInput: async () => ({}), ctx, type: 'query', signal: undefined, batchIndex: 0 }));
  const stringifyUs = ((u) => u.user + u.system)(process.cpuUsage(t0)) / N - procUs;
  console.log(`context ${ctxUs.toFixed(1)}us  procedure ${procUs.toFixed(1)}us  stringify ${stringifyUs.toFixed(1)}us`);
}
await base.close();
