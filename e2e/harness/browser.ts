import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CACHE_DIR } from './proc';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Keeps every packet on 127.0.0.1 (LIVEKIT-FACTS.md) and fakes camera and microphone. */
export const CHROMIUM_ARGS = [
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

export interface BrowserSession {
  context: BrowserContext;
  newPage(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** Rejections that escape to the page: recorded before any page script runs. */
const RECORD_REJECTIONS = `
  // tsx compiles the runner with keepNames: functions handed to page.evaluate call __name.
  globalThis.__name = globalThis.__name || ((fn) => fn);
  window.__escaped = [];
  window.addEventListener('unhandledrejection', (e) => {
    // Looked at after every other listener ran: a filter that prevents the default has handled it.
    setTimeout(() => {
      if (e.defaultPrevented) return;
      const r = e.reason; window.__escaped.push(String((r && (r.name + ': ' + r.message)) || r));
    }, 0);
  });
`;

export async function launchBrowser(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(CACHE_DIR, 'chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    permissions: ['camera', 'microphone'],
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript(RECORD_REJECTIONS);
  return {
    context,
    async newPage(url) {
      const page = await context.newPage();
      const consoleLines: string[] = [];
      page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
      (page as Page & { consoleLines?: string[] }).consoleLines = consoleLines;
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export function consoleOf(page: Page): string[] {
  return (page as Page & { consoleLines?: string[] }).consoleLines ?? [];
}

export type { Browser, Page };
