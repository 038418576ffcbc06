import { createOpenApiFetchHandler } from 'trpc-to-openapi';
import { appRouter } from '../root';
import type { TestHarness } from './harness';

/** Test-only: calls the REST face (/v1) of the app router, as product clients do. */
export const restCaller =
  (h: TestHarness) =>
  (method: string, path: string, opts: { body?: unknown; bearer?: string } = {}) =>
    createOpenApiFetchHandler({
      endpoint: '/v1',
      router: appRouter,
      req: new Request(`http://127.0.0.1/v1${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
        },
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      }),
      createContext: ({ req }) =>
        h.createContext({ headers: Object.fromEntries(req.headers), ip: '127.0.0.1', requestId: 'rest' }),
    });
