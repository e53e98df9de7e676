import { RoomServiceClient } from 'livekit-server-sdk';
import { launchChromium } from './harness/browser';
import type { BrowserSession, E2EPage, Engine } from './harness/e2e-page';
import { launchEngine } from './harness/engines';
import { startFaultProxy, type FaultProxy } from './harness/fault-proxy';
import { openPacketFilter, type PacketFilter } from './harness/packet-filter';
import { API_KEY, API_SECRET, startLiveKitServer, type LiveKitServer } from './harness/livekit-server';
import { bundlePages, servePages } from './harness/pages';
import { PORT_OFFSET, waitFor } from './harness/proc';
import { startTokenServer, type TokenServer } from './harness/token-server';

export type PageKind = 'library' | 'baseline' | 'watcher';

export interface E2EEnv {
  /** The engine the subjects (library and baseline pages) run in; the watcher is always Chromium. */
  engine: Engine;
  server: LiveKitServer;
  proxy: FaultProxy;
  tokens: TokenServer;
  /**
   * One browser per page kind. The baseline runs in a browser of its own, as a second user would:
   * pages of one Chromium share its fake capture device, and two pages restarting their cameras
   * at the same moment (the SDK does on every full reconnect) can leave one of them with a live
   * track that never yields a frame. In Chromium the library shares the watcher's browser; in
   * Firefox each subject has its own Firefox and the watcher stays in Chromium.
   */
  browsers: Record<PageKind, BrowserSession>;
  pages: Awaited<ReturnType<typeof servePages>>;
  rooms: RoomServiceClient;
  /** iptables drops inside the matrix's network namespace (opened on first use; throws outside it). */
  packets(): PacketFilter;
  close(): Promise<void>;
}

async function launchBrowsers(engine: Engine): Promise<Record<PageKind, BrowserSession>> {
  const watcher = await launchChromium();
  if (engine === 'chromium') return { watcher, library: watcher, baseline: await launchChromium() };
  return { watcher, library: await launchEngine(engine), baseline: await launchEngine(engine) };
}

/** One server, one fault proxy in front of it, the token endpoint, the pages, the browsers. */
export async function startEnv({ engine = 'chromium' as Engine, port = 17870 + PORT_OFFSET, udpPort = 17872 + PORT_OFFSET } = {}): Promise<E2EEnv> {
  const server = await startLiveKitServer({ port, udpPort });
  const proxy = await startFaultProxy(port);
  const tokens = await startTokenServer(proxy.wsUrl);
  await bundlePages();
  const pages = await servePages();
  const browsers = await launchBrowsers(engine);
  const rooms = new RoomServiceClient(server.url, API_KEY, API_SECRET);
  let filter: PacketFilter | undefined;
  return {
    engine,
    server,
    proxy,
    tokens,
    browsers,
    pages,
    rooms,
    packets: () => (filter ??= openPacketFilter()),
    async close() {
      filter?.clear();
      for (const b of new Set(Object.values(browsers))) await b.close();
      await pages.close();
      await tokens.close();
      await proxy.close();
      await server.stop();
    },
  };
}

/**
 * `env` with the library and the plain page in Chromiums of their own, launched with `chromiumArgs`
 * on top of the usual flags (one page per browser, as in launchBrowsers); the watcher stays.
 */
export async function withSubjectBrowsers(env: E2EEnv, chromiumArgs: string[]): Promise<{ env: E2EEnv; close(): Promise<void> }> {
  const library = await launchChromium(chromiumArgs);
  const baseline = await launchChromium(chromiumArgs);
  return {
    env: { ...env, browsers: { ...env.browsers, library, baseline } },
    async close() {
      await library.close();
      await baseline.close();
    },
  };
}

type E2EApi = Record<string, (...args: never[]) => unknown>;

/** Calls `window.__e2e[fn](...args)` in the page. */
export function pageCall<T>(page: E2EPage, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([name, rest]) => {
    const api = (window as unknown as { __e2e: E2EApi }).__e2e;
    return (api[name] as (...a: unknown[]) => unknown)(...rest);
  }, [fn, args] as [string, unknown[]]) as Promise<T>;
}

export async function openPage(env: E2EEnv, kind: PageKind, room: string, query: Record<string, string> = {}): Promise<E2EPage> {
  const page = await env.browsers[kind].newPage(env.pages.url(kind, { tokenUrl: env.tokens.url, room, ...query }));
  await waitFor(`${kind} page ready`, () => page.evaluate(() => Boolean((window as unknown as { __e2e?: { ready?: boolean } }).__e2e?.ready)), 15_000);
  return page;
}
