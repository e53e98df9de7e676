import { RoomServiceClient } from 'livekit-server-sdk';
import { launchBrowser, type BrowserSession, type Page } from './harness/browser';
import { startFaultProxy, type FaultProxy } from './harness/fault-proxy';
import { API_KEY, API_SECRET, startLiveKitServer, type LiveKitServer } from './harness/livekit-server';
import { bundlePages, servePages } from './harness/pages';
import { PORT_OFFSET, waitFor } from './harness/proc';
import { startTokenServer, type TokenServer } from './harness/token-server';

export interface E2EEnv {
  server: LiveKitServer;
  proxy: FaultProxy;
  tokens: TokenServer;
  browser: BrowserSession;
  /**
   * The baseline runs in a Chromium of its own, as a second user would: pages of one Chromium share
   * its fake capture device, and two pages restarting their cameras at the same moment (the SDK
   * does on every full reconnect) can leave one of them with a live track that never yields a frame.
   */
  baselineBrowser: BrowserSession;
  pages: Awaited<ReturnType<typeof servePages>>;
  rooms: RoomServiceClient;
  close(): Promise<void>;
}

/** One server, one fault proxy in front of it, the token endpoint, the pages, one Chromium. */
export async function startEnv({ port = 17870 + PORT_OFFSET, udpPort = 17872 + PORT_OFFSET } = {}): Promise<E2EEnv> {
  const server = await startLiveKitServer({ port, udpPort });
  const proxy = await startFaultProxy(port);
  const tokens = await startTokenServer(proxy.wsUrl);
  await bundlePages();
  const pages = await servePages();
  const browser = await launchBrowser();
  const baselineBrowser = await launchBrowser();
  const rooms = new RoomServiceClient(server.url, API_KEY, API_SECRET);
  return {
    server,
    proxy,
    tokens,
    browser,
    baselineBrowser,
    pages,
    rooms,
    async close() {
      await browser.close();
      await baselineBrowser.close();
      await pages.close();
      await tokens.close();
      await proxy.close();
      await server.stop();
    },
  };
}

type E2EApi = Record<string, (...args: never[]) => unknown>;

/** Calls `window.__e2e[fn](...args)` in the page. */
export function pageCall<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([name, rest]) => {
    const api = (window as unknown as { __e2e: E2EApi }).__e2e;
    return (api[name as string] as (...a: unknown[]) => unknown)(...(rest as unknown[]));
  }, [fn, args] as const) as Promise<T>;
}

export async function openPage(env: E2EEnv, kind: 'library' | 'baseline' | 'watcher', room: string, identity?: string): Promise<Page> {
  const page = await browserFor(env, kind).newPage(env.pages.url(kind, { tokenUrl: env.tokens.url, room, ...(identity ? { identity } : {}) }));
  await waitFor(`${kind} page ready`, () => page.evaluate(() => Boolean((window as unknown as { __e2e?: { ready?: boolean } }).__e2e?.ready)), 15_000);
  return page;
}

/** Library and watcher share one Chromium; the baseline has its own (see `baselineBrowser`). */
export function browserFor(env: E2EEnv, kind: 'library' | 'baseline' | 'watcher'): BrowserSession {
  return kind === 'baseline' ? env.baselineBrowser : env.browser;
}
