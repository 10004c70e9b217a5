import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/** Whether a server could listen on 127.0.0.1:`port` right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port nothing listens on right now, for a server that stops and starts again on the same
 * port (a Redis outage). It is drawn below the kernel's ephemeral range (32768–60999 on Linux),
 * which every `listen(0)` and outgoing connection of the other test files takes ports from, so
 * none of them takes it while the server is down. A server that binds once should listen on port
 * 0 instead.
 */
export async function freeFixedPort(): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const port = 20_000 + randomInt(12_000);
    if (await isPortFree(port)) return port;
  }
  throw new Error('no free TCP port found between 20000 and 32000');
}
