import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { RECORD_REJECTIONS, type BrowserSession, type E2EPage } from './e2e-page';
import { CACHE_DIR } from './proc';
import { CHROMIUM_ARGS, withChromiumArgs } from './chromium-args';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export { CHROMIUM_ARGS };

/** Playwright's own view (the demo check clicks through the UI with it). */
export interface PlaywrightSession {
  context: BrowserContext;
  newPage(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** `extraArgs`: a scenario's own flags on top of CHROMIUM_ARGS (`withChromiumArgs`: a `--flag=value` replaces the base's `--flag`). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<PlaywrightSession> {
  const userDataDir = mkdtempSync(join(CACHE_DIR, 'chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: withChromiumArgs(extraArgs),
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

/** The engine-neutral face of a Chromium page. */
function neutral(page: Page): E2EPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never),
    consoleLines: () => consoleOf(page),
    click: (selector) => page.click(selector),
    close: () => page.close(),
  };
}

/** Debian's Chromium through playwright-core, as the matrix sees it. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<BrowserSession> {
  const session = await launchBrowser(extraArgs);
  // Debian's wrapper script prints shell noise on stderr for --version: only stdout counts.
  const version = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return {
    engine: 'chromium',
    version,
    newPage: async (url) => neutral(await session.newPage(url)),
    close: () => session.close(),
  };
}

export type { Browser, Page };
