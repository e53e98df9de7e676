import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/harness/browser';
import { waitFor } from '../e2e/harness/proc';
import { startDemo } from './start-demo';

const SHOTS = join(process.cwd(), 'demo', 'screenshots');

const statusOf = (page: Page) => page.getByTestId('status').innerText();

/** Remote video is really playing: a <video> with decoded size whose time advances. */
async function remoteVideoPlaying(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const videos = [...document.querySelectorAll('video')].filter((v) => !v.closest('[data-lk-local-participant="true"]'));
    for (const v of videos) {
      const t0 = v.currentTime;
      await new Promise((r) => setTimeout(r, 300));
      if (v.videoWidth > 0 && v.currentTime > t0) return true;
    }
    return false;
  });
}

async function joinCall(page: Page, name: string) {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await waitFor(`${name} connected`, async () => (await statusOf(page)).startsWith('connected'), 30_000);
}

// The demo, driven as a person would: two tabs, a call, a fault, the banner, the recovery.
async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const started = Date.now();
  const demo = await startDemo({ port: 7980, udpPort: 7982, appPort: 5174 });
  const browser = await launchBrowser();
  let failed = false;
  try {
    const ann = await browser.newPage(demo.url);
    await ann.getByRole('form', { name: 'Join a call' }).waitFor({ timeout: 30_000 });
    const readyMs = Date.now() - started;
    const bob = await browser.newPage(demo.url);
    await joinCall(ann, 'Ann');
    await joinCall(bob, 'Bob');
    await waitFor('Ann sees Bob', () => remoteVideoPlaying(ann), 30_000);
    await waitFor('Bob sees Ann', () => remoteVideoPlaying(bob), 30_000);
    await ann.screenshot({ path: join(SHOTS, '1-call.png') });

    await ann.getByLabel('Seconds').fill('6');
    await ann.getByRole('button', { name: 'Cut signal' }).click();
    await waitFor('banner', () => ann.getByText('Reconnecting…').isVisible(), 15_000);
    await ann.screenshot({ path: join(SHOTS, '2-reconnecting.png') });
    const faultAt = Date.now();
    await waitFor('recovered', async () => (await statusOf(ann)).startsWith('connected') && !(await ann.getByText('Reconnecting…').isVisible()), 45_000);
    await waitFor('Ann sees Bob again', () => remoteVideoPlaying(ann), 30_000);
    const recoveredMs = Date.now() - faultAt;
    await ann.screenshot({ path: join(SHOTS, '3-recovered.png') });

    await ann.getByRole('button', { name: 'Server leave (SERVER_SHUTDOWN)' }).click();
    await waitFor('recovered after server leave', async () => (await statusOf(ann)).startsWith('connected') && (await remoteVideoPlaying(bob)), 45_000);
    await ann.screenshot({ path: join(SHOTS, '4-after-server-leave.png') });
    const escaped = await ann.evaluate(() => (window as unknown as { __escaped: string[] }).__escaped);
    if (escaped.length) throw new Error(`escaped rejections: ${escaped.join(' | ')}`);
    console.log(`demo check: page ready ${readyMs} ms after start; two tabs in a call; signal cut survived (banner shown, back in ${recoveredMs} ms after the banner); server-leave survived; screenshots in demo/screenshots`);
    console.log('1 passed, 0 failed');
  } catch (error) {
    failed = true;
    console.error('demo check failed:', error);
    console.log('0 passed, 1 failed');
  } finally {
    await browser.close();
    await demo.stop();
  }
  process.exit(failed ? 1 : 0);
}

void main();
