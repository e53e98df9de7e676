import { sleep, waitFor } from '../harness/proc';
import { pageCall, type E2EEnv } from '../env';
import { framesFlowing } from './measure';
import { assess, openTrio, samplesOf, status, type RunRecord, type Subject, type Trio } from './subjects';

export interface Scenario {
  name: string;
  /** The library must recover (false: it must end the call). */
  libraryShouldRecover: boolean;
  /** `false`: the plain page must not recover (the scenario reproduces a fault apps suffer today); unset: reported only. */
  baselineShouldRecover?: boolean;
  /**
   * The scenario kills or degrades media on purpose: the watchdog (or the quality policy) is
   * expected to act; elsewhere their firings count as false positives. Its recovery time is
   * detection + remedy, so the "back within a second of the network" goals do not apply.
   */
  mediaFault?: boolean;
  /**
   * Chromium flags of this scenario's own subject browsers, on top of CHROMIUM_ARGS (a
   * `--flag=value` replaces the base's `--flag`; `harness/chromium-args.ts`): the library and the
   * plain page get a Chromium each, launched for this scenario (the watcher keeps the shared one).
   */
  chromiumArgs?: string[];
  /** Runs per engine when E2E_RUNS is not set (default 3): a long scenario whose checks are not a timing. */
  runs?: number;
  run(env: E2EEnv, run: number): Promise<RunRecord[]>;
}

/**
 * A plain page whose Room is `disconnected` stays so (it has no logic to join again): waiting out
 * the rest of its window would only cost time. The 3 s let a disconnect that is part of the fault settle.
 */
export const endedForGood = (subject: Subject, st: string, faultEnd: number) => subject.kind === 'baseline' && st === 'disconnected' && Date.now() - faultEnd > 3_000;

/** Waits (bounded) until the subject is back with frames flowing; false if it never comes back. */
export async function comesBack(trio: Trio, subject: Subject, faultEnd: number, timeoutMs: number, waitOutDeadPlainPage = false): Promise<boolean> {
  // Only frames after the fault count: the old track's frames must not pass for a recovery.
  const since = () => Math.max(faultEnd, Date.now() - 3_000);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const st = await status(subject).catch(() => 'gone');
    if (!waitOutDeadPlainPage && endedForGood(subject, st, faultEnd)) return false;
    if (st === 'connected' && framesFlowing(await samplesOf(trio.watcher, since()), subject.identity, Date.now())) return true;
    await sleep(250);
  }
  return false;
}

/** The fault has reached the subject (its status left `connected`), bounded. */
async function disturbed(subject: Subject, timeoutMs: number): Promise<boolean> {
  return waitFor(`${subject.identity} disturbed`, async () => (await status(subject)) !== 'connected', timeoutMs, 50).then(
    () => true,
    () => false,
  );
}

export async function both(name: string, run: number, trio: Trio, faultEnd: number, libraryMs: number, baselineMs: number, waitOutDeadPlainPage = false): Promise<RunRecord[]> {
  await Promise.all([disturbed(trio.library, 8_000), disturbed(trio.baseline, 8_000)]);
  const libraryBack = await comesBack(trio, trio.library, faultEnd, libraryMs);
  const baselineBack = await comesBack(trio, trio.baseline, faultEnd, baselineMs, waitOutDeadPlainPage);
  return [
    await assess(name, run, trio, trio.library, faultEnd, libraryBack ? {} : { recovered: false }),
    await assess(name, run, trio, trio.baseline, faultEnd, baselineBack ? {} : { recovered: false }),
  ];
}

export const room = (name: string, run: number) => `${name}-${run}-${Date.now().toString(36)}`;

export const tokenOutage: Scenario = {
  name: 'signal-outage-past-token-exp',
  libraryShouldRecover: true,
  baselineShouldRecover: false, // the 401 death
  async run(env, run) {
    env.tokens.setTtlSeconds(5);
    env.proxy.dropRefreshTokens(true); // stands in for an outage longer than the server's 10-min refresh token
    const trio = await openTrio(env, room('outage', run), env.server.wsUrl);
    try {
      // The baseline's one token (fetched at join, as apps do) decides the timing: the cut starts
      // 30 s after it was issued and ends 70 s after (past exp + 60 s, the server's leeway), before
      // the SDK's ~45 s retry budget runs out, so its next resume meets the real 401.
      const issuedAt = env.tokens.issued().find((t) => t.identity === trio.baseline.identity)!.at;
      await sleep(Math.max(0, issuedAt + 30_000 - Date.now()));
      env.tokens.setOutage(true); // a real outage takes the token endpoint down too
      await env.proxy.cut(Math.max(1_000, issuedAt + 70_000 - Date.now()));
      env.tokens.setOutage(false);
      const faultEnd = Date.now();
      // Firefox holds back WebSockets to a server whose last connects failed (up to 60 s,
      // network.websocket.delay-failed-reconnects): right after its plain page died retrying, the
      // next run's plain page could not connect within 75 s. Its window is waited out there.
      const records = await both(this.name, run, trio, faultEnd, 30_000, 30_000, env.engine === 'firefox');
      const events = await trio.baseline.page.evaluate(() => (window as unknown as { __e2e: { events: { event: string; detail?: string }[] } }).__e2e.events);
      const participants = await env.rooms.listParticipants(trio.room);
      const libs = participants.filter((p) => p.identity === trio.library.identity).length;
      records[0]!.detail += ` participants(${trio.library.identity})=${libs}`;
      if (libs !== 1) records[0]!.recovered = false;
      records[1]!.detail += ` baselineEvents=${events.map((e) => e.event + (e.detail ? `:${e.detail}` : '')).join(',')}`;
      return records;
    } finally {
      env.proxy.dropRefreshTokens(false);
      env.tokens.setTtlSeconds(600);
      await trio.close();
    }
  },
};

export const serverRestart: Scenario = {
  name: 'server-restart',
  libraryShouldRecover: true,
  async run(env, run) {
    const trio = await openTrio(env, room('restart', run), env.server.wsUrl);
    try {
      await env.server.restart();
      const faultEnd = Date.now();
      return await both(this.name, run, trio, faultEnd, 45_000, 20_000);
    } finally {
      await trio.close();
    }
  },
};

function simulated(scenario: 'node-failure' | 'migration' | 'server-leave'): Scenario {
  return {
    name: `simulate-${scenario}`,
    libraryShouldRecover: true,
    async run(env, run) {
      const trio = await openTrio(env, room(scenario, run), env.server.wsUrl);
      try {
        await Promise.all([pageCall(trio.library.page, 'simulate', scenario), pageCall(trio.baseline.page, 'simulate', scenario)]);
        const faultEnd = Date.now();
        return await both(this.name, run, trio, faultEnd, 45_000, 20_000);
      } finally {
        await trio.close();
      }
    },
  };
}

export const nodeFailure = simulated('node-failure');
export const migration = simulated('migration');
export const serverLeave = simulated('server-leave');
