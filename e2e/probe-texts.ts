// The error texts each engine really produces for the failures the library classifies, taken from
// the browser itself (the fixtures of __tests__/unit/errors/engine-texts.test.ts and the table
// in docs/alerts.md): `E2E_BROWSERS=chromium,firefox node --import tsx e2e/probe-texts.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { enginesFromEnv } from './harness/e2e-page';
import { launchEngine } from './harness/engines';
import { bundlePages, servePages } from './harness/pages';

interface Probe { case: string; name: string; message: string }

/** Runs in the page: provokes each failure and reports the DOMException/TypeError it got. */
async function provoke(deadPort: number): Promise<Probe[]> {
  const out: Probe[] = [];
  const take = async (name: string, f: () => unknown) => {
    try {
      await f();
      out.push({ case: name, name: '(no error)', message: '' });
    } catch (e) {
      const err = e as { name?: string; message?: string };
      out.push({ case: name, name: String(err?.name), message: String(err?.message ?? e) });
    }
  };
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
  const track = stream.getVideoTracks()[0]!;
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  const sender = a.addTrack(track, stream);
  await take('removeTrack: sender of another RTCPeerConnection', () => b.removeTrack(sender));
  a.close();
  await take('removeTrack: RTCPeerConnection already closed', () => a.removeTrack(sender));
  await take('addTrack: RTCPeerConnection already closed', () => a.addTrack(track, stream));
  await take('createOffer: RTCPeerConnection already closed', () => a.createOffer());
  await take('setRemoteDescription: answer in state stable', () => b.setRemoteDescription({ type: 'answer', sdp: 'v=0\r\n' }));
  await take('setRemoteDescription: garbage offer', () => b.setRemoteDescription({ type: 'offer', sdp: 'garbage' }));
  b.close();
  // The driver's evaluate counts as a user gesture; transient activation lasts 5 s in both engines.
  await new Promise((resolve) => setTimeout(resolve, 5_500));
  await take('getDisplayMedia: no user gesture', () => navigator.mediaDevices.getDisplayMedia({ video: true }));
  await take('getUserMedia: impossible constraint', () => navigator.mediaDevices.getUserMedia({ video: { width: { exact: 99_999 } } }));
  await take('fetch: connection refused', () => fetch(`http://127.0.0.1:${deadPort}/`));
  await take('fetch: aborted', () => {
    const c = new AbortController();
    const p = fetch(location.href, { signal: c.signal });
    c.abort();
    return p;
  });
  await take('AbortSignal.timeout', () => fetch(location.href, { signal: AbortSignal.timeout(0) }));
  const dc = new RTCPeerConnection();
  await take('createDataChannel: RTCPeerConnection already closed', () => {
    dc.close();
    return dc.createDataChannel('x');
  });
  track.stop();
  return out;
}

async function main() {
  await bundlePages();
  const pages = await servePages();
  const results: Record<string, { version: string; userAgent: string; probes: Probe[] }> = {};
  try {
    for (const engine of enginesFromEnv()) {
      const browser = await launchEngine(engine);
      try {
        const page = await browser.newPage(pages.url('watcher', { room: 'probe' }));
        results[engine] = { version: browser.version, userAgent: await page.evaluate(() => navigator.userAgent), probes: await page.evaluate(provoke, 17_999) };
        console.log(`${browser.version} | userAgent | ${results[engine]!.userAgent}`);
        for (const p of results[engine]!.probes) console.log(`${browser.version} | ${p.case} | ${p.name}: ${p.message}`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await pages.close();
  }
  mkdirSync('e2e/results', { recursive: true });
  writeFileSync('e2e/results/engine-texts.json', `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
