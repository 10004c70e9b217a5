import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { freeFixedPort } from './free-port';

export interface DisposableRedis {
  port: number;
  url: string;
  /** A client for the test's own checks (FLUSHALL, counts); reconnects after a restart. */
  client: IORedis;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * A redis-server of the test's own, without persistence, on a free port it keeps across a
 * restart. Each start checks that the server answering is this one (by a name given to it), not
 * another test's that took the port first.
 */
export async function startRedis(): Promise<DisposableRedis> {
  // A name no other server has: never written (no persistence), only read back to tell it apart.
  const name = `kk-test-${randomBytes(6).toString('hex')}.rdb`;
  let port = await freeFixedPort();
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const started = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1'],
        ...['--save', '', '--appendonly', 'no', '--dbfilename', name],
      ],
      { stdio: 'ignore' },
    );
    child = started;
    await waitForOwnServer(started, port, name);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  // The port was free when chosen; should something bind it before redis-server does, choose again.
  for (let tries = 1; ; tries++) {
    try {
      await start();
      break;
    } catch (error) {
      await stop();
      if (tries >= 3) throw error;
      port = await freeFixedPort();
    }
  }
  const client = new IORedis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  client.on('error', () => undefined);
  await client.connect();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    client,
    stop,
    start,
    close: async () => {
      client.disconnect();
      await stop();
    },
  };
}

/** Waits until `child` answers on `port`: it must be the server named `name`, still running. */
async function waitForOwnServer(child: ChildProcess, port: number, name: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server on port ${port} exited at start (port taken?)`);
    }
    const probe = new IORedis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      retryStrategy: () => null,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      const [, answered] = (await probe.config('GET', 'dbfilename')) as string[];
      if (answered !== name) {
        throw new Error(`port ${port} is answered by another Redis server (${answered})`);
      }
      return;
    } catch (error) {
      if (/another Redis server/.test((error as Error).message) || Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
}
