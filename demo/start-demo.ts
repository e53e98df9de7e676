import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { startFaultProxy, type FaultProxy } from '../e2e/harness/fault-proxy';
import { startLiveKitServer, type LiveKitServer } from '../e2e/harness/livekit-server';
import { startTokenServer, type TokenServer } from '../e2e/harness/token-server';

const here = dirname(fileURLToPath(import.meta.url));

export interface DemoOptions {
  port?: number;
  udpPort?: number;
  appPort?: number;
}

export interface Demo {
  url: string;
  server: LiveKitServer;
  proxy: FaultProxy;
  tokens: TokenServer;
  stop(): Promise<void>;
}

/** The fault panel's buttons land here: they act on the proxy and the token endpoint. */
function faultApi(proxy: FaultProxy, tokens: TokenServer): Plugin {
  const reply = (res: ServerResponse, body: unknown) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(body));
  };
  return {
    name: 'demo-fault-api',
    configureServer(server) {
      server.middlewares.use('/api/faults', (req: IncomingMessage, res: ServerResponse) => {
        const url = new URL(req.url ?? '/', 'http://demo');
        const seconds = Math.min(180, Math.max(1, Number(url.searchParams.get('seconds') ?? 10)));
        switch (url.pathname) {
          case '/cut': {
            // A real outage takes the token endpoint down with the signal.
            tokens.setOutage(true);
            void proxy.cut(seconds * 1_000).then(() => tokens.setOutage(false));
            return reply(res, { cut: seconds });
          }
          case '/short-tokens': {
            // Next tokens live 10 s and the server's refresh tokens are dropped, so the SDK keeps a token
            // that the server will refuse after a long outage (stands in for a laptop sleeping > 10 min).
            tokens.setTtlSeconds(10);
            proxy.dropRefreshTokens(true);
            return reply(res, { ttl: 10 });
          }
          case '/normal-tokens': {
            tokens.setTtlSeconds(600);
            proxy.dropRefreshTokens(false);
            return reply(res, { ttl: 600 });
          }
          case '/drop-answers': {
            proxy.dropAnswers(url.searchParams.get('on') === '1');
            return reply(res, { dropAnswers: url.searchParams.get('on') === '1' });
          }
          case '/state':
            return reply(res, { proxy: proxy.counters(), tokenRequests: tokens.requests() });
          default:
            res.statusCode = 404;
            return reply(res, { error: 'unknown fault' });
        }
      });
    },
  };
}

/** livekit-server on loopback, the fault proxy, the token endpoint, and the Vite app in front. */
export async function startDemo({ port = 7880, udpPort = 7882, appPort = 5173 }: DemoOptions = {}): Promise<Demo> {
  const server = await startLiveKitServer({ name: `demo-livekit-${port}`, port, udpPort });
  const proxy = await startFaultProxy(port);
  const tokens = await startTokenServer(proxy.wsUrl);
  let vite: ViteDevServer | undefined;
  try {
    vite = await createServer({
      root: join(here, 'app'),
      configFile: false,
      logLevel: 'warn',
      cacheDir: join(here, '..', '.cache', 'vite'),
      server: { host: '127.0.0.1', port: appPort, strictPort: true, proxy: { '/api/token': { target: tokens.url, rewrite: () => '/token' } }, hmr: false },
      plugins: [faultApi(proxy, tokens)],
      resolve: { alias: { 'redux-livekit-call/react': join(here, '..', 'src', 'react.ts'), 'redux-livekit-call': join(here, '..', 'src', 'index.ts') } },
    });
    await vite.listen();
  } catch (error) {
    await Promise.all([tokens.close(), proxy.close(), server.stop()]);
    throw error;
  }
  return {
    url: `http://127.0.0.1:${appPort}/`,
    server,
    proxy,
    tokens,
    async stop() {
      await vite?.close();
      await tokens.close();
      await proxy.close();
      await server.stop();
    },
  };
}
