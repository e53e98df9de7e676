// `e2ee-across-reconnects` (issue 19): the pages (page/e2ee.ts: the library with `e2ee`, the keyed
// watcher, the failing-worker page) and the server-side poll of the tracks' encryption.
import type { E2EPage } from '../harness/e2e-page';
import { sleep, waitFor } from '../harness/proc';
import { pageCall, type E2EEnv, type PageKind } from '../env';
import { addSample, countSecret, emptyTally, type EncryptionTally } from './e2ee-judge';
import { framesFlowing } from './measure';
import { samplesOf, status, type Subject, type Trio } from './subjects';

/** Errors of a page load can quote its URL, which carries the passphrase: it never leaves this file. */
const redact = (error: unknown, key: string) => new Error(String(error).split(key).join('[key]'));

/** page/e2ee.ts in `kind`'s browser; ready once library.ts or watcher.ts (which it loads) says so. */
export async function openE2EEPage(env: E2EEnv, kind: PageKind, key: string, query: Record<string, string>): Promise<E2EPage> {
  try {
    const page = await env.browsers[kind].newPage(env.pages.url('e2ee', { tokenUrl: env.tokens.url, key, ...query }));
    await waitFor(`e2ee ${query.role} page ready`, () => page.evaluate(() => Boolean((window as unknown as { __e2e?: { ready?: boolean } }).__e2e?.ready)), 15_000);
    return page;
  } catch (error) {
    throw redact(error, key);
  }
}

/**
 * The plain page is not in this scenario: a subject that is never up (media-setup-steps.ts asks
 * `up(trio.baseline)` and plays nothing on it then).
 */
const absentPage: E2EPage = {
  evaluate: () => Promise.reject(new Error('no plain page in e2ee-across-reconnects')),
  consoleLines: () => [],
  click: () => Promise.reject(new Error('no plain page')),
  close: async () => undefined,
};

export const libraryIdentity = (room: string) => `lib-${room}`;

/** The library with `e2ee` through the fault proxy and a keyed watcher straight on the server, as openTrio does it. */
export async function openKeyedTrio(env: E2EEnv, room: string, key: string): Promise<Trio> {
  // A fixed watcher that rejoins only when its Room is down: the library goes dark on purpose for a minute.
  const watcher = await openE2EEPage(env, 'watcher', key, { role: 'watcher', room, serverUrl: env.server.wsUrl, identity: `watch-${room}`, frozenRejoin: 'false' });
  const identity = libraryIdentity(room);
  // The steps come seconds apart: the 15 s cooldown would hold back the 5th reconnect in a row (as in media-setup-across-reconnects).
  const library: Subject = { kind: 'library', identity, page: await openE2EEPage(env, 'library', key, { role: 'library', room, identity, reconnectCooldownMs: '3000' }) };
  const trio: Trio = {
    engine: env.engine,
    room,
    watcher,
    library,
    baseline: { kind: 'baseline', identity: `absent-${room}`, page: absentPage },
    async close() {
      for (const page of [library.page, watcher]) await page.close().catch(() => undefined);
    },
  };
  try {
    await pageCall(library.page, 'join');
    await waitFor('library connected', async () => (await status(library)) === 'connected', 30_000);
    await pageCall(watcher, 'join');
    await waitFor(`keyed watcher decodes ${identity}`, async () => framesFlowing(await samplesOf(watcher, Date.now() - 3_000), identity, Date.now()), 30_000);
  } catch (error) {
    await trio.close();
    throw error;
  }
  return trio;
}

/** `listParticipants(room)` every 250 ms until stopped, one tally per identity. */
export function pollEncryption(env: E2EEnv, room: string, identities: string[]) {
  const tallies = new Map<string, EncryptionTally>(identities.map((id) => [id, emptyTally()]));
  const t0 = Date.now();
  let errors = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      const participants = await env.rooms.listParticipants(room).catch(() => null);
      if (participants) for (const [id, tally] of tallies) addSample(tally, participants, id, started - t0);
      else errors++;
      await sleep(Math.max(0, 250 - (Date.now() - started)));
    }
  })();
  return {
    tally: (identity: string) => tallies.get(identity)!,
    async stop() {
      running = false;
      await loop;
      return { errors, seconds: Math.round((Date.now() - t0) / 1000) };
    },
  };
}

/** The passphrase in anything the page kept (actions, logs, alerts, state, events), its address, or its console. */
export async function keyLeaksOf(page: E2EPage, key: string): Promise<number> {
  const kept = await page.evaluate(() => {
    const api = (window as unknown as { __e2e?: Record<string, unknown> }).__e2e ?? {};
    const state = typeof api.state === 'function' ? (api.state as () => unknown)() : undefined;
    return JSON.stringify({ href: location.href, state, actions: api.actions, logLines: api.logLines, alerts: api.alerts, events: api.events });
  });
  return countSecret(key, kept, page.consoleLines());
}
