import { createConnection } from 'node:net';
import { PORT_OFFSET, start, waitFor, type Started } from './proc';

export interface Redis {
  address: string;
  stop(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** Debian's redis-server on 127.0.0.1 only, nothing persisted: the two-node scenario's shared bus. */
export async function startRedis(port = 16379 + PORT_OFFSET): Promise<Redis> {
  const proc: Started = start(`redis-${port}`, '/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes']);
  await waitFor(`redis on 127.0.0.1:${port}`, () => ping(port), 10_000);
  return { address: `127.0.0.1:${port}`, stop: () => proc.stop() };
}
