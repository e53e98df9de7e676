// `e2ee-across-reconnects` (issue 19): what the server says about the library's tracks, sample by
// sample, and the checks the run is held to (pure: unit-tested).
import { Encryption_Type } from '@livekit/protocol';

/** The part of livekit-server-sdk's ParticipantInfo a sample reads. */
export interface ListedParticipant {
  identity: string;
  tracks: { sid: string; encryption: Encryption_Type }[];
}

/** One identity's samples: every track listed encrypted, some track listed in the clear, or no track listed. */
export interface EncryptionTally {
  encrypted: number;
  unencrypted: number;
  absent: number;
  /** The first samples with a track in the clear: ms since the poll started and the track sids. */
  clear: string[];
}

export const emptyTally = (): EncryptionTally => ({ encrypted: 0, unencrypted: 0, absent: 0, clear: [] });

/** Adds one `listParticipants` answer to `tally` (every participant of that identity: an old and a new Room may both be listed). */
export function addSample(tally: EncryptionTally, participants: ListedParticipant[], identity: string, msSinceStart: number): void {
  const tracks = participants.filter((p) => p.identity === identity).flatMap((p) => p.tracks);
  if (tracks.length === 0) {
    tally.absent++;
    return;
  }
  const clear = tracks.filter((t) => t.encryption === Encryption_Type.NONE);
  if (clear.length === 0) {
    tally.encrypted++;
    return;
  }
  tally.unencrypted++;
  if (tally.clear.length < 5) tally.clear.push(`+${msSinceStart} ms ${clear.map((t) => t.sid).join(',')}`);
}

export const formatTally = (t: EncryptionTally) => `encrypted samples ${t.encrypted} / unencrypted ${t.unencrypted} (no track listed ${t.absent})${t.clear.length ? ` clear at ${t.clear.join('; ')}` : ''}`;

export interface E2EEStep {
  step: string;
  played: string;
  /** Connected again with camera frames decoded by the keyed watcher. */
  back: boolean;
  /** Step end → the keyed watcher's first new decoded camera frame (measure.ts `recoveryMs`). */
  recoveryMs: number | null;
  /** The library page's `state.call.e2ee.encrypted` once back. */
  encrypted: boolean;
}

export const formatE2EEStep = (s: E2EEStep) => `${s.step}: ${s.back ? `back, ${s.recoveryMs ?? '?'} ms` : 'NOT back'}, e2ee.encrypted=${s.encrypted} (${s.played})`;

/** page/e2ee.ts's failing workers: one answers every message with an error (as livekit-client's reports one), one throws. */
export type FailingWorker = 'reports' | 'throws';

/** A page whose worker fails: what it ended with. */
export interface BrokenWorkerOutcome {
  worker: FailingWorker;
  status: string;
  errorCode: string | null;
  /** All the page's alerts: the controller's `onAlert` and installCallErrorFilter's. */
  alerts: number;
  /** Of `alerts`, installCallErrorFilter's (an uncaught error of the page). */
  filterAlerts: number;
  /** Join → `failed`, ms (null: never failed). */
  failedAfterMs: number | null;
  /** Server samples of its identity: any listed track is a failure. */
  tally: EncryptionTally;
  escaped: number;
}

export const formatBroken = (b: BrokenWorkerOutcome) =>
  `worker that ${b.worker}: status=${b.status} code=${b.errorCode ?? 'none'} alerts=${b.alerts} (installCallErrorFilter ${b.filterAlerts}) failedAfter=${b.failedAfterMs ?? '–'} ms, server: ${formatTally(b.tally)}, escaped=${b.escaped}`;

/**
 * A worker that throws: its uncaught error also reached the window (E2EEManager's `onerror` did not
 * cancel it), where installCallErrorFilter made a second alert of it, with the worker's message;
 * the controller now cancels a worker's error events (src/e2ee/e2ee-room.ts), so none is allowed.
 */
const FILTER_ALERTS_ALLOWED: Record<FailingWorker, number> = { reports: 0, throws: 0 };

function brokenProblems(b: BrokenWorkerOutcome): string[] {
  const at = `worker that ${b.worker}`;
  const problems: string[] = [];
  if (b.status !== 'failed' || b.errorCode !== 'e2ee-failed') problems.push(`${at}: status ${b.status}, lastError.code ${b.errorCode ?? 'none'} (want failed / e2ee-failed)`);
  if (b.alerts - b.filterAlerts !== 1) problems.push(`${at}: ${b.alerts - b.filterAlerts} alerts from the controller (want exactly 1)`);
  if (b.filterAlerts > FILTER_ALERTS_ALLOWED[b.worker]) problems.push(`${at}: ${b.filterAlerts} alerts from installCallErrorFilter`);
  if (b.tally.encrypted + b.tally.unencrypted > 0) problems.push(`${at}: the server listed a track of it`);
  if (b.escaped > 0) problems.push(`${at}: ${b.escaped} escaped rejections`);
  return problems;
}

export interface E2EEJudgeInput {
  steps: E2EEStep[];
  /** The library's identity over the whole run. */
  library: EncryptionTally;
  broken: BrokenWorkerOutcome[];
  /** Times the passphrase was found in anything the pages kept or printed, or in the timelines. */
  keyLeaks: number;
}

/** Every reason the run fails; none: passed. */
export function e2eeProblems({ steps, library, broken, keyLeaks }: E2EEJudgeInput): string[] {
  const problems: string[] = [];
  for (const s of steps) {
    if (!s.back) problems.push(`${s.step}: the keyed watcher decodes no camera frame of the library`);
    else if (!s.encrypted) problems.push(`${s.step}: state.call.e2ee.encrypted is false once back`);
  }
  if (library.unencrypted > 0) problems.push(`${library.unencrypted} server samples list a track of the library unencrypted`);
  if (library.encrypted === 0) problems.push('no server sample listed an encrypted track of the library');
  if (broken.length === 0) problems.push('no failing-worker page was played');
  for (const b of broken) problems.push(...brokenProblems(b));
  if (keyLeaks > 0) problems.push(`the passphrase was found ${keyLeaks} times in page output or timelines`);
  return problems;
}

/** Occurrences of `secret` in anything serializable (never printed: only counted). */
export function countSecret(secret: string, ...haystacks: unknown[]): number {
  if (!secret) return 0;
  return haystacks.reduce<number>((n, hay) => n + (typeof hay === 'string' ? hay : JSON.stringify(hay ?? '')).split(secret).length - 1, 0);
}
