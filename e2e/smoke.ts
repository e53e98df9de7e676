// A quick look at one engine: `E2E_BROWSERS=firefox node --import tsx e2e/smoke.ts`.
import { openPage, pageCall, startEnv } from './env';
import { enginesFromEnv } from './harness/e2e-page';
import { sleep, waitFor } from './harness/proc';

async function main() {
  const t0 = Date.now();
  const engine = enginesFromEnv()[0]!;
  const env = await startEnv({ engine });
  console.log(`env up in ${Date.now() - t0} ms; subjects in ${env.browsers.library.version}, watcher in ${env.browsers.watcher.version}`);
  try {
    const watcher = await openPage(env, 'watcher', 'smoke');
    await pageCall(watcher, 'join');
    const lib = await openPage(env, 'library', 'smoke', { identity: 'ann' });
    await pageCall(lib, 'join');
    await waitFor('library connected', async () => (await pageCall<{ status: string }>(lib, 'state')).status === 'connected', 20_000);
    console.log('library connected', Date.now() - t0);
    const base = await openPage(env, 'baseline', 'smoke', { identity: 'bob' });
    await pageCall(base, 'join');
    await waitFor('frames from ann', async () => (await pageCall<{ identity: string; frames: number }[]>(watcher, 'samples')).some((s) => s.identity === 'ann' && s.frames > 10), 20_000);
    await waitFor('frames from bob', async () => (await pageCall<{ identity: string; frames: number }[]>(watcher, 'samples')).some((s) => s.identity === 'bob' && s.frames > 10), 20_000);
    console.log('watcher sees both', Date.now() - t0);
    const participants = await env.rooms.listParticipants('smoke');
    console.log('participants', participants.map((p) => `${p.identity}:${p.tracks.map((t) => `${t.mimeType}/${t.layers.length}`).join(',')}`));
    console.log('outbound', JSON.stringify(await pageCall(lib, 'outboundVideo')));
    console.log('escaped', JSON.stringify(await lib.evaluate(() => (window as unknown as { __escaped: string[] }).__escaped)));
    await sleep(500);
    console.log('library console', lib.consoleLines().slice(0, 20));
  } finally {
    await env.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
