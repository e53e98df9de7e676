import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { RECORD_REJECTIONS, type BrowserSession, type E2EPage } from './e2e-page';
import { CACHE_DIR, killWithRunner } from './proc';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Fake camera and microphone without a prompt, WebRTC on 127.0.0.1 (LIVEKIT-FACTS.md), and nothing
 * that talks to the internet. puppeteer-core adds its own test profile prefs (no updates, no
 * safebrowsing, no data reporting…) under these.
 */
export const FIREFOX_PREFS: Record<string, unknown> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Firefox drops loopback candidates unless told otherwise; host addresses stay plain (no mDNS).
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  // No proxy from the environment between the page and 127.0.0.1.
  'network.proxy.type': 0,
  // Background tabs must not have their timers throttled (the SDK's pings and retries run on them).
  'dom.min_background_timeout_value': 4,
  'dom.timeout.enable_budget_timer_throttling': false,
  // Nothing beyond loopback: updates, telemetry, captive portal, connectivity checks, DoH, push,
  // remote settings, region lookups, OpenH264 downloads.
  'app.update.enabled': false,
  'app.update.auto': false,
  'app.shield.optoutstudies.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'dom.push.enabled': false,
  'dom.push.connection.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.geoip.url': '',
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.topsites.contile.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-manager.url': '',
  'geo.enabled': false,
};

function neutral(page: Page, consoleLines: string[]): E2EPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
    consoleLines: () => consoleLines,
    click: (selector) => page.click(selector),
    close: () => page.close(),
  };
}

/** Debian's firefox-esr through puppeteer-core over WebDriver BiDi: no geckodriver, no downloaded build. */
export async function launchFirefox(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(CACHE_DIR, 'firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir,
    extraPrefsFirefox: FIREFOX_PREFS,
    defaultViewport: { width: 1280, height: 800 },
  });
  const letGo = killWithRunner(browser.process()?.pid);
  // `Mozilla Firefox 153.8.0esr`: the package's own word (BiDi's browser.version() drops the `esr`).
  const version = execFileSync(FIREFOX, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().replace(/^Mozilla /, '');
  return {
    engine: 'firefox',
    version,
    async newPage(url) {
      const page = await browser.newPage();
      const consoleLines: string[] = [];
      page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
      // A function, not a string: BiDi preload scripts are function declarations.
      await page.evaluateOnNewDocument(new Function(RECORD_REJECTIONS) as () => void);
      await page.goto(url);
      return neutral(page, consoleLines);
    },
    async close() {
      await browser.close().catch(() => undefined);
      letGo();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
