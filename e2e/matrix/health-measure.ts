// What the health scenarios measure besides the watcher: what each subject decodes of the other
// (page/inbound.ts), and what the library's watchdog did about it (its recorded actions).
import type { InboundSample } from '../page/inbound';
import { sleep } from '../harness/proc';
import { pageCall } from '../env';
import { framesFlowing, recoveryMs, STALL_MS, type Sample } from './measure';
import { samplesOf, type Subject, type Trio } from './subjects';

export const inboundSamples = (subject: Subject, since = 0) => pageCall<InboundSample[]>(subject.page, 'inboundSamples', since);
export const inboundNow = (subject: Subject) => pageCall<InboundSample[]>(subject.page, 'inboundVideo');

/** The other subject of the trio. */
export const otherOf = (trio: Trio, subject: Subject): Subject => (subject === trio.library ? trio.baseline : trio.library);

/** Inbound samples as the watcher's, one monotonic series per remote identity (counts go on across a new receiver or track). */
const asSamples = (samples: InboundSample[]): Sample[] => samples.map((s) => ({ at: s.at, identity: s.identity, sid: 'inbound', frames: s.framesDecoded }));

/** Does `subject` decode new frames of `from` now (the last ~2.5 s)? */
export async function decodes(subject: Subject, from: Subject, since: number): Promise<boolean> {
  return framesFlowing(asSamples(await inboundSamples(subject, Math.max(since, Date.now() - 3_000))), from.identity, Date.now());
}

/** Fault start/end → the first frame `subject` decoded of `from` after its picture froze, if it still flows; null otherwise. */
export async function inboundRecoveryMs(subject: Subject, from: Subject, at: number): Promise<number | null> {
  return recoveryMs(asSamples(await inboundSamples(subject, at - 5_000)), from.identity, at);
}

/** Watcher's view: does it get new frames of `subject` now? */
export async function watcherSees(trio: Trio, subject: Subject, since: number): Promise<boolean> {
  return framesFlowing(await samplesOf(trio.watcher, Math.max(since, Date.now() - 3_000)), subject.identity, Date.now());
}

/**
 * Polls `check` until it has held for `holdMs` (a burst of frames the SFU had queued does not pass
 * for a recovery) or `timeoutMs` passes; the time it first became true (and stayed), or null.
 */
export async function firstStable(check: () => Promise<boolean>, timeoutMs: number, holdMs = 3_000, everyMs = 250): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  let since: number | null = null;
  while (Date.now() < deadline) {
    const ok = await check().catch(() => false);
    if (!ok) since = null;
    else {
      since ??= Date.now();
      if (Date.now() - since >= holdMs) return since;
    }
    await sleep(everyMs);
  }
  return null;
}

type Recorded = { at: number; action: { type: string; payload?: unknown } };
export const actionsOf = (subject: Subject) => subject.page.evaluate(() => (window as unknown as { __e2e: { actions?: Recorded[] } }).__e2e.actions ?? []);

/** The watchdog's steps after `since`, as `±ms type detail` relative to `zero` (default `since`), for the run's detail. */
export async function watchdogSteps(subject: Subject, since: number, zero = since): Promise<string[]> {
  const wanted = /^call\/(media|localTrackRestarted|reconnectRequested|profileChanged|connectionQuality|hdOffered)/;
  return (await actionsOf(subject))
    .filter((a) => a.at >= since && wanted.test(a.action.type))
    .map((a) => {
      const p = (a.action.payload ?? {}) as { scope?: string; by?: string; reason?: string; profile?: string; quality?: string };
      const what = [p.scope, p.by && `by=${p.by}`, p.profile, p.quality, p.reason].filter(Boolean).join(' ');
      const ms = a.at - zero;
      return `${ms >= 0 ? '+' : ''}${ms} ${a.action.type.replace('call/', '')}${what ? ` ${what}` : ''}`;
    });
}

/** Which remedy brought the media back, from `call/mediaRecovered {by}` after `since` (or `none`). */
export async function remedyUsed(subject: Subject, since: number): Promise<string> {
  const recovered = (await actionsOf(subject)).filter((a) => a.at >= since && a.action.type === 'call/mediaRecovered');
  return recovered.map((a) => (a.action.payload as { by?: string } | undefined)?.by ?? '?').join(',') || 'none';
}

/**
 * `at` → the first new frame on this very track (`sid`) after it froze for STALL_MS, or null: tells
 * "the same publication came back" (a track restart) from "a new one came" (a reconnect's republish).
 */
export function resumedOnTrack(samples: Sample[], sid: string, at: number): number | null {
  const mine = samples.filter((s) => s.sid === sid).sort((a, b) => a.at - b.at);
  let previous = mine.filter((s) => s.at < at).pop()?.frames ?? 0;
  let lastIncrease = at;
  for (const sample of mine.filter((s) => s.at >= at)) {
    if (sample.frames > previous) {
      if (sample.at - lastIncrease >= STALL_MS) return sample.at - at;
      lastIncrease = sample.at;
    }
    previous = sample.frames;
  }
  return null;
}
