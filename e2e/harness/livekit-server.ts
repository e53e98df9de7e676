import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, sleep, start, waitFor, type Started } from './proc';

export const LIVEKIT_SERVER_BIN = join(CACHE_DIR, 'livekit-server', process.env.LIVEKIT_SERVER_VERSION ?? 'v1.13.5', 'server');
export const API_KEY = 'devkey';
export const API_SECRET = 'secret';

export interface ServerOptions {
  name?: string;
  port: number;
  udpPort: number;
  /** Shared by nodes of one cluster. */
  redisAddress?: string;
}

/** Loopback only (LIVEKIT-FACTS.md): tcp_port 0 keeps the ICE/TCP listener off every interface. */
export function serverConfig({ port, udpPort, redisAddress }: ServerOptions): string {
  return [
    `port: ${port}`,
    'bind_addresses:',
    '  - 127.0.0.1',
    'rtc:',
    '  tcp_port: 0',
    `  udp_port: ${udpPort}`,
    '  node_ip: 127.0.0.1',
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    '  ips:',
    '    includes:',
    '      - 127.0.0.1/32',
    '  stun_servers:',
    '    - 127.0.0.1:3478',
    'keys:',
    `  ${API_KEY}: ${API_SECRET}`,
    ...(redisAddress ? ['redis:', `  address: ${redisAddress}`] : []),
    'logging:',
    '  level: info',
    '',
  ].join('\n');
}

export interface LiveKitServer {
  url: string;
  wsUrl: string;
  options: ServerOptions;
  stop(): Promise<void>;
  kill(): Promise<void>;
  restart(): Promise<void>;
  /**
   * SIGSTOP for `ms`, then SIGCONT: the process hangs (no packet answered, no socket closed), as
   * a stalled SFU does, then goes on where it stopped. Resolves at the SIGCONT.
   */
  freeze(ms: number): Promise<void>;
}

async function ready(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/`);
  return response.ok;
}

export async function startLiveKitServer(options: ServerOptions): Promise<LiveKitServer> {
  const name = options.name ?? `livekit-${options.port}`;
  const dir = join(CACHE_DIR, 'e2e');
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, `${name}.yaml`);
  writeFileSync(configFile, serverConfig(options));
  let proc: Started | undefined;
  const launch = async () => {
    proc = start(name, LIVEKIT_SERVER_BIN, ['--config', configFile, '--bind', '127.0.0.1']);
    await waitFor(`${name} on 127.0.0.1:${options.port}`, () => ready(options.port), 30_000, 100);
  };
  await launch();
  return {
    url: `http://127.0.0.1:${options.port}`,
    wsUrl: `ws://127.0.0.1:${options.port}`,
    options,
    stop: async () => proc?.stop(),
    kill: async () => proc?.kill(),
    async restart() {
      await proc?.stop();
      await launch();
    },
    async freeze(ms) {
      const frozen = proc;
      frozen?.signal('SIGSTOP');
      try {
        await sleep(ms);
      } finally {
        frozen?.signal('SIGCONT'); // also when the runner is interrupted mid-freeze
      }
    },
  };
}
