import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback in front of the API that can drop the connection carrying the next request(s): the
 * request never reaches the API and the client sees the socket close with no answer, as on a flaky network.
 */
export const startDropProxy = async (targetPort: number) => {
  let armed = 0;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    client.on('data', (chunk) => {
      if (armed > 0) {
        armed -= 1;
        dropped += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Drops the next `count` requests' connections. */
    dropNext(count = 1) {
      armed = count;
    },
    dropped: () => dropped,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
