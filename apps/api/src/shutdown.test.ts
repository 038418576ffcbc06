import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { installShutdown } from './shutdown';
import { createTestServer } from './testing/server';

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('graceful shutdown', () => {
  it('on SIGTERM closes the server, then the store, then exits 0', async () => {
    const t = await createTestServer();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    const exits: number[] = [];
    const handle = installShutdown({
      app: t.app,
      store: t.store,
      blob: t.blob,
      exit: (code) => exits.push(code),
    });
    try {
      process.kill(process.pid, 'SIGTERM');
      await waitFor(() => exits.length >= 1);
      expect(exits).toEqual([0]);
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      await expect(t.store.ping()).rejects.toThrow();
    } finally {
      handle.dispose();
      await t.close();
    }
  });

  it('exits 1 at once when a second signal comes while closing', async () => {
    const t = await createTestServer();
    const exits: number[] = [];
    const handle = installShutdown({
      app: t.app,
      store: t.store,
      blob: t.blob,
      exit: (code) => exits.push(code),
    });
    try {
      const first = handle.shutdown();
      void handle.shutdown();
      expect(exits).toEqual([1]);
      await first;
      expect(exits).toEqual([1, 0]);
    } finally {
      handle.dispose();
      await t.close();
    }
  });
});
