import { mkdirSync, writeFileSync } from 'node:fs';
import type { E2EPage, Engine } from '../harness/e2e-page';
import { waitFor } from '../harness/proc';
import { openPage, pageCall, type E2EEnv } from '../env';
import { BROWSER_NET_LOG, countTokenLeaks, framesFlowing, recoveryMs, tokenLeakSites, type Sample } from './measure';
import { countWatchdog, type WatchdogCounts } from './watchdog-counts';
import type { MediaSetupStep } from './media-setup-judge';

export type SubjectKind = 'library' | 'baseline';

export interface Subject {
  kind: SubjectKind;
  identity: string;
  page: E2EPage;
}

export interface Trio {
  engine: Engine;
  room: string;
  watcher: E2EPage;
  library: Subject;
  baseline: Subject;
  close(): Promise<void>;
}

export const status = async (subject: Subject): Promise<string> => (await pageCall<{ status: string }>(subject.page, 'state')).status;
export const samplesOf = (watcher: E2EPage, since = 0) => pageCall<Sample[]>(watcher, 'samples', since);

/** Library and baseline in one room through the fault proxy; the watcher straight on `directUrl`. */
/** `libraryQuery`: extra URL params of the library page (the health scenarios' shortened windows); `watcherQuery`: the watcher's (a fixed `identity`). */
export async function openTrio(env: E2EEnv, room: string, directUrl: string, which: SubjectKind[] = ['library', 'baseline'], beforeWatcher?: () => Promise<void>, libraryQuery: Record<string, string> = {}, watcherQuery: Record<string, string> = {}): Promise<Trio> {
  const watcher = await openPage(env, 'watcher', room, { serverUrl: directUrl, ...watcherQuery });
  // E2E_LIBRARY_QUERY=mediaWatchdog=false&… : a diagnosis run with other library options.
  const fromEnv = Object.fromEntries(new URLSearchParams(process.env.E2E_LIBRARY_QUERY ?? ''));
  // Each subject has a browser of its own: opened and joined side by side (seconds a run).
  const [libraryPage, baselinePage] = await Promise.all([
    openPage(env, 'library', room, { identity: `lib-${room}`, ...fromEnv, ...libraryQuery }),
    openPage(env, 'baseline', room, { identity: `base-${room}` }),
  ]);
  const library: Subject = { kind: 'library', identity: `lib-${room}`, page: libraryPage };
  const baseline: Subject = { kind: 'baseline', identity: `base-${room}`, page: baselinePage };
  const subjects = [library, baseline].filter((s) => which.includes(s.kind));
  await Promise.all(subjects.map((s) => pageCall(s.page, 'join')));
  // The subjects first: the room lives on the node they reach (what the two-node scenario kills).
  await Promise.all(subjects.map((s) => waitFor(`${s.kind} connected`, async () => (await status(s)) === 'connected', 30_000)));
  await beforeWatcher?.();
  await pageCall(watcher, 'join');
  await Promise.all(subjects.map((s) => waitFor(`watcher frames of ${s.identity}`, async () => framesFlowing(await samplesOf(watcher, Date.now() - 3_000), s.identity, Date.now()), 30_000)));
  return {
    engine: env.engine,
    room,
    watcher,
    library,
    baseline,
    async close() {
      await Promise.all([library.page, baseline.page, watcher].map((page) => page.close().catch(() => undefined)));
    },
  };
}

export interface RunRecord {
  /** The engine the subject ran in (the watcher is always Chromium). */
  engine: Engine;
  scenario: string;
  subject: SubjectKind;
  run: number;
  recovered: boolean;
  recoveryMs: number | null;
  escapedRejections: number;
  alerts: number;
  removeTrackAlerts: number;
  /** JWTs in the page's state, actions, library logs, alerts and JS console calls. */
  tokenLeaks: number;
  /**
   * JWTs in the browser's own network-error lines (Chromium: "WebSocket connection to
   * 'ws://…?access_token=…' failed"; Firefox: "Firefox can’t establish a connection to the server
   * at ws://…?access_token=…"): the SDK's signal URL carries the token; these never pass through
   * `console`, so no page code (and no console→alert hook) sees them.
   */
  browserNetLogLeaks: number;
  /**
   * Fault end → the subject's own "back" (library: `call/connected` or `call/sdkReconnected`;
   * plain page: its Room's `connected`/`reconnected`), from its timeline. Tells the subject's
   * recovery from the watcher's, e.g. when the watcher had to rejoin a restarted server too.
   */
  backMs: number | null;
  /** The library's watchdog and quality-policy actions in this run (all 0 for the plain page). */
  watchdog: WatchdogCounts;
  detail: string;
  /** `media-setup-across-reconnects`: what was left of the media setup after each step. */
  mediaSetup?: MediaSetupStep[];
}

const BACK = new Set(['call/connected', 'call/sdkReconnected', 'connected', 'reconnected']);

function backAfter(faultEnd: number, actions: { at: number; action: { type: string } }[], events: { at: number; event: string }[]): number | null {
  const times = [...actions.map((a) => ({ at: a.at, what: a.action.type })), ...events.map((e) => ({ at: e.at, what: e.event }))]
    .filter((x) => x.at >= faultEnd && BACK.has(x.what))
    .map((x) => x.at - faultEnd);
  return times.length ? Math.min(...times) : null;
}

/** What the watcher saw of a subject that did not come back: tells a dead call from a blind watcher. */
async function watcherView(trio: Trio, subject: Subject, samples: Sample[]): Promise<string> {
  const view = await pageCall<{ state?: string; rejoins?: number; remote: { identity: string }[] }>(trio.watcher, 'describe').catch(() => undefined);
  const mine = view?.remote.filter((p) => p.identity === subject.identity) ?? [];
  const last = new Map<string, number>();
  for (const s of samples) if (s.identity === subject.identity) last.set(s.sid, s.frames);
  const local = await pageCall<unknown>(subject.page, 'localMedia').catch((e: unknown) => String(e));
  return `watcher=${JSON.stringify({ state: view?.state, rejoins: view?.rejoins, resubscribes: (view as { resubscribes?: number } | undefined)?.resubscribes, remote: mine, lastFrames: Object.fromEntries(last) })} local=${JSON.stringify(local)}`;
}


/** What one subject looks like after the fault: recovered, how fast, and what leaked or escaped. */
/** `extra.recoveryMs`: the scenario's own measure (e.g. frames the subject decodes), instead of the watcher's. */
export async function assess(scenario: string, run: number, trio: Trio, subject: Subject, faultEnd: number, extra: { recovered?: boolean; detail?: string; recoveryMs?: number | null } = {}): Promise<RunRecord> {
  const engine = trio.engine;
  const samples = await samplesOf(trio.watcher, faultEnd - 5_000);
  const flowing = framesFlowing(samples, subject.identity, Date.now());
  const st = await status(subject);
  const escaped = await subject.page.evaluate(() => (window as unknown as { __escaped: string[] }).__escaped);
  const kept = await subject.page.evaluate(() => {
    const api = (window as unknown as { __e2e: Record<string, unknown> }).__e2e;
    const call = (name: string) => (typeof api[name] === 'function' ? (api[name] as () => unknown)() : undefined);
    return { state: call('state'), actions: api.actions, logLines: api.logLines, events: api.events, alerts: api.alerts };
  });
  const alerts = (kept.alerts as { kind: string }[] | undefined) ?? [];
  // The call's own timeline, kept beside the results for whoever has to explain a slow run.
  mkdirSync('e2e/results/timelines', { recursive: true });
  const timeline = ((kept.actions as { at: number; action: { type: string; payload?: unknown } }[] | undefined) ?? []).map(
    ({ at, action }) => `${at - faultEnd} ${action.type} ${action.payload === undefined ? '' : JSON.stringify(action.payload)}`,
  );
  const events = ((kept.events as { at: number; event: string; detail?: string }[] | undefined) ?? []).map((e) => `${e.at - faultEnd} ${e.event} ${e.detail ?? ''}`);
  const logs = ((kept.logLines as { at?: number; level: string; text: string }[] | undefined) ?? [])
    .filter((l) => l.level !== 'debug')
    .map((l) => `${l.at === undefined ? '' : l.at - faultEnd} log ${l.level} ${l.text.slice(0, 300)}`);
  // One time line, in order: actions, Room events and log lines merged by their time.
  const byTime = [...timeline, ...events, ...logs].map((line, i) => ({ line, i, t: Number.parseInt(line, 10) })).sort((a, b) => (Number.isNaN(a.t) || Number.isNaN(b.t) ? a.i - b.i : a.t - b.t || a.i - b.i));
  writeFileSync(`e2e/results/timelines/${engine}-${scenario}-${run}-${subject.kind}.txt`, byTime.map((x) => x.line).join('\n'));
  const identityNow = await pageCall<string | null>(subject.page, 'identity').catch(() => null);
  const recovered = extra.recovered ?? (st === 'connected' && flowing && identityNow === subject.identity);
  const consoleLines = subject.page.consoleLines();
  const detail = extra.detail ?? `status=${st}${escaped.length ? ` escaped=${escaped.slice(0, 2).join(' | ')}` : ''}`;
  // Each token outside a known browser network line, with where it was (redacted), so the failure says what leaked.
  const leakSites = tokenLeakSites({ ...kept, console: consoleLines.filter((l) => !BROWSER_NET_LOG.test(l)) });
  return {
    engine,
    scenario,
    subject: subject.kind,
    run,
    recovered,
    recoveryMs: recovered ? (extra.recoveryMs !== undefined ? extra.recoveryMs : recoveryMs(samples, subject.identity, faultEnd)) : null,
    escapedRejections: escaped.length,
    alerts: alerts.length,
    removeTrackAlerts: alerts.filter((a) => a.kind === 'remove-track-sender').length,
    tokenLeaks: countTokenLeaks(kept, consoleLines.filter((l) => !BROWSER_NET_LOG.test(l))),
    browserNetLogLeaks: countTokenLeaks(consoleLines.filter((l) => BROWSER_NET_LOG.test(l))),
    watchdog: countWatchdog(kept.actions as { action: { type: string; payload?: unknown } }[] | undefined),
    backMs: backAfter(faultEnd, (kept.actions as { at: number; action: { type: string } }[] | undefined) ?? [], (kept.events as { at: number; event: string }[] | undefined) ?? []),
    detail: `${recovered ? detail : `${detail} ${await watcherView(trio, subject, samples)}`}${leakSites.length ? ` tokenLeaks=${JSON.stringify(leakSites)}` : ''}`,
  };
}
