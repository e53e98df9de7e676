import type { MediaRecoveredBy, MediaScope } from '../call/types';

/** One watched track at one sampling tick, read from the Room by room-media.ts. */
export interface TrackSample {
  scope: MediaScope;
  /** Remote publisher, or our own identity for the camera. */
  identity: string;
  trackSid: string;
  source: string;
  /**
   * Media should be flowing now: remote = wanted, enabled (adaptive stream: visible), publisher
   * unmuted, server not pausing it; local = published, unmuted, some encoding active (dynacast
   * switches all off when nobody watches).
   */
  expected: boolean;
  /** Frames decoded (remote) or bytes sent (local); grows while media flows. A new receiver starts at 0. */
  progress: number;
  /**
   * Remote only: the server grades the publisher poor or lost. livekit-server grades a published
   * track that brings no packets "dry" (poor, then lost), so silence with this set is most likely
   * the publisher's (a dead camera): a reconnect of ours would not help.
   */
  sourceTrouble?: boolean;
}

type Stage = 'ok' | 'remedied' | 'escalated';

interface TrackWatch {
  sample: TrackSample;
  lastProgress: number;
  /** Call-clock ms of the last progress, or of the moment silence started to count. */
  quietSince: number;
  stage: Stage;
  remediedAt: number;
  /** A reconnect came and went and this track stayed silent: the cause is not ours (e.g. the publisher's camera). */
  futile: boolean;
  /** Not in the last samples since then (unpublished, or not yet back in a new Room). */
  absentSince: number | undefined;
}

export interface WatchdogMemory {
  tracks: Map<string, TrackWatch>;
  /** Call-clock ms of the last reconnect the watchdog asked for. */
  lastEscalationAt: number | undefined;
}

export interface WatchdogLimits {
  staleMs: number;
  reconnectCooldownMs: number;
}

/** What the saga should do about one track. */
export type Verdict =
  | { type: 'stale'; sample: TrackSample; silentForMs: number }
  | { type: 'remedy'; sample: TrackSample }
  | { type: 'escalate'; sample: TrackSample }
  | { type: 'recovered'; sample: TrackSample; by: MediaRecoveredBy };

/**
 * A remote camera is reconnected for only once it has been silent this long. From one side a dead
 * path here and a dead publisher there look the same, but livekit-server grades every participant
 * every 5 s and a publisher whose media stopped goes poor/lost (`sourceTrouble`): measured 13.1–13.6 s
 * after a camera went silent, sooner for a peer that died whole. A reconnect asked earlier (8 s)
 * was a useless one for a dead peer in every such e2e run, and its republish a second dip.
 */
export const SOURCE_GRADE_WAIT_MS = 16_000;

/**
 * By source, not track sid: a republished camera (a new sid) is the same stream to a viewer. Ours is one
 * whatever our identity: a reconnect's token may name another, and a new key left the old watch flagged.
 */
export const trackKey = (s: Pick<TrackSample, 'scope' | 'identity' | 'source'>): string => `${s.scope}\u0000${s.scope === 'local' ? '' : s.identity}\u0000${s.source}`;

export function createWatchdogMemory(): WatchdogMemory {
  return { tracks: new Map(), lastEscalationAt: undefined };
}

/** Time that must not count as silence (not connected, page hidden, a new Room settling). */
export function holdAll(memory: WatchdogMemory, now: number): void {
  for (const watch of memory.tracks.values()) {
    watch.quietSince = Math.max(watch.quietSince, now);
    if (watch.stage === 'remedied') watch.remediedAt = Math.max(watch.remediedAt, now);
  }
}

const REMEDY: Record<MediaScope, MediaRecoveredBy> = { remote: 'resubscribe', local: 'restart' };

function recoveredBy(watch: TrackWatch): MediaRecoveredBy {
  return watch.stage === 'escalated' ? 'reconnect' : REMEDY[watch.sample.scope];
}

/** Progress is any new count; a count that fell to 0 is a new receiver/sender that has shown nothing yet. */
const progressed = (watch: TrackWatch, sample: TrackSample) => sample.progress !== watch.lastProgress && sample.progress > 0;

/**
 * One sampling tick. A silent track is flagged once (`stale` + `remedy`: resubscribe or restart);
 * still silent `staleMs` after the remedy it asks for one reconnect (`escalate`), at most one per
 * `reconnectCooldownMs` for the whole call, else it is remedied again. Silent even after that
 * reconnect, while another remote camera decodes fine, or while the server grades its publisher
 * poor/lost: no reconnect for it, a light remedy every `reconnectCooldownMs`. New media
 * after any of it is `recovered` with what did it. Healthy tracks yield nothing.
 */
export function stepWatchdog(memory: WatchdogMemory, samples: readonly TrackSample[], now: number, limits: WatchdogLimits): Verdict[] {
  const verdicts: Verdict[] = [];
  const seen = new Set<string>();
  // Another remote camera decoding now means our receive path works: a silent one is its
  // publisher's (or its own down track's) to fix, which a resubscribe covers and a reconnect not.
  const flowing = new Set(samples.filter((s) => s.scope === 'remote' && memory.tracks.has(trackKey(s)) && progressed(memory.tracks.get(trackKey(s))!, s)).map((s) => s.identity));
  const othersFlow = (sample: TrackSample) => sample.scope === 'remote' && ([...flowing].some((identity) => identity !== sample.identity) || sample.sourceTrouble === true);
  for (const sample of samples) {
    const key = trackKey(sample);
    seen.add(key);
    const watch = memory.tracks.get(key);
    if (!watch) {
      memory.tracks.set(key, { sample, lastProgress: sample.progress, quietSince: now, stage: 'ok', remediedAt: 0, futile: false, absentSince: undefined });
      continue;
    }
    watch.absentSince = undefined;
    const moved = progressed(watch, sample);
    watch.lastProgress = sample.progress;
    watch.sample = sample;
    if (moved || !sample.expected) {
      // Not expected to flow (muted, paused, hidden): silence does not count, nor is it a recovery.
      if (moved && watch.stage !== 'ok') verdicts.push({ type: 'recovered', sample, by: recoveredBy(watch) });
      if (moved) Object.assign(watch, { stage: 'ok', futile: false });
      watch.quietSince = now;
      continue;
    }
    const silentForMs = now - watch.quietSince;
    if (watch.stage === 'ok') {
      if (silentForMs < limits.staleMs) continue;
      verdicts.push({ type: 'stale', sample, silentForMs }, { type: 'remedy', sample });
      watch.stage = 'remedied';
      watch.remediedAt = now;
    } else if (watch.stage === 'remedied' && now - watch.remediedAt >= (watch.futile || othersFlow(sample) ? limits.reconnectCooldownMs : limits.staleMs)) {
      const last = memory.lastEscalationAt;
      const graded = sample.scope === 'local' || now - watch.quietSince >= SOURCE_GRADE_WAIT_MS;
      if (!graded) continue; // remedied; not yet silent long enough to know whose fault it is
      if (!watch.futile && !othersFlow(sample) && (last === undefined || now - last >= limits.reconnectCooldownMs)) {
        verdicts.push({ type: 'escalate', sample });
        watch.stage = 'escalated';
        memory.lastEscalationAt = now;
      } else {
        verdicts.push({ type: 'remedy', sample });
        watch.remediedAt = now;
      }
    } else if (watch.stage === 'escalated' && now - watch.quietSince >= limits.staleMs && memory.lastEscalationAt !== undefined && now - memory.lastEscalationAt >= limits.staleMs) {
      // The reconnect came back and the track is still silent: another reconnect would not help
      // either (a publisher whose camera died looks the same from here). Light remedies, rarely.
      verdicts.push({ type: 'remedy', sample });
      Object.assign(watch, { stage: 'remedied', remediedAt: now, futile: true });
    }
  }
  // A track that went away is kept for `staleMs` (a reconnect republishes it) with its silence not counting.
  for (const [key, watch] of memory.tracks) {
    if (seen.has(key)) continue;
    watch.absentSince ??= now;
    watch.quietSince = now;
    if (now - watch.absentSince >= limits.staleMs) memory.tracks.delete(key);
  }
  return verdicts;
}

/** Identities with a health entry in the store that no longer have a watched track. */
export function forgottenIdentities(flagged: readonly string[], memory: WatchdogMemory): string[] {
  const present = new Set([...memory.tracks.values()].filter((w) => w.sample.scope === 'remote').map((w) => w.sample.identity));
  return flagged.filter((identity) => !present.has(identity));
}

/** Our camera is no longer published (turned off, or a new Room without it yet). */
export const cameraGone = (memory: WatchdogMemory): boolean => ![...memory.tracks.values()].some((w) => w.sample.scope === 'local');
