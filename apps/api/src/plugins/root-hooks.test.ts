import cors from '@fastify/cors';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerRootHooks } from './root-hooks';

describe('registerRootHooks', () => {
  it('runs hooks in the order the lines register them, after CORS, on routes declared before and after', async () => {
    const app = Fastify();
    const order: string[] = [];
    app.get('/early', async () => order.join(','));
    void app.register(cors, { origin: ['http://client.test'] });
    for (const name of ['ip-rules', 'maintenance', 'rate-limits']) {
      registerRootHooks(app, (root) =>
        root.addHook('onRequest', async (request, reply) => {
          order.push(name);
          if (name === 'ip-rules' && request.headers['x-deny'] === '1')
            return reply.code(403).send({ denied: true });
        }),
      );
    }
    void app.register(async (scope) => {
      scope.get('/late', async () => order.join(','));
    });
    for (const url of ['/early', '/late']) {
      order.length = 0;
      const res = await app.inject({ url });
      expect(res.payload).toBe('ip-rules,maintenance,rate-limits');
    }
    // A refusal in the first hook still carries CORS's headers, and the later hooks do not run.
    order.length = 0;
    const refused = await app.inject({
      url: '/late',
      headers: { origin: 'http://client.test', 'x-deny': '1' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBe('http://client.test');
    expect(order).toEqual(['ip-rules']);
    await app.close();
  });
});
