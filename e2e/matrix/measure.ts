export interface Sample {
  at: number;
  identity: string;
  sid: string;
  frames: number;
}

/** No new frame for this long means the picture froze (the watcher samples every 100 ms). */
export const STALL_MS = 1_500;

/**
 * Fault end → the first new frame after the picture froze, on a track of `identity` that is still
 * delivering at the end. Frames decoded from the jitter buffer just after the fault do not count;
 * a track that never froze recovers at its first frame after the fault.
 */
export function recoveryMs(samples: Sample[], identity: string, faultEnd: number): number | null {
  const mine = samples.filter((s) => s.identity === identity).sort((a, b) => a.at - b.at);
  const end = mine[mine.length - 1]?.at ?? 0;
  let best: number | null = null;
  for (const sid of new Set(mine.map((s) => s.sid))) {
    const track = mine.filter((s) => s.sid === sid);
    let previous = track.filter((s) => s.at < faultEnd).pop()?.frames ?? 0;
    let lastIncrease = faultEnd;
    let resumedAt: number | null = null;
    for (const sample of track) {
      if (sample.at < faultEnd) continue;
      if (sample.frames > previous) {
        if (resumedAt === null || sample.at - lastIncrease >= STALL_MS) resumedAt = sample.at;
        lastIncrease = sample.at;
      }
      previous = sample.frames;
    }
    const stillDelivering = resumedAt !== null && end - lastIncrease < STALL_MS;
    if (stillDelivering) best = best === null ? resumedAt! - faultEnd : Math.min(best, resumedAt! - faultEnd);
  }
  return best;
}

/** Did frames of `identity` keep increasing at the end (the last ~2 s)? */
export function framesFlowing(samples: Sample[], identity: string, now: number): boolean {
  const recent = samples.filter((s) => s.identity === identity && s.at > now - 2_500).sort((a, b) => a.at - b.at);
  if (recent.length < 2) return false;
  const bySid = new Map<string, number[]>();
  for (const s of recent) bySid.set(s.sid, [...(bySid.get(s.sid) ?? []), s.frames]);
  return [...bySid.values()].some((frames) => frames[frames.length - 1]! > frames[0]!);
}

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g;

/** JWTs found in anything the page kept or printed. */
export function countTokenLeaks(...haystacks: unknown[]): number {
  let leaks = 0;
  for (const hay of haystacks) leaks += (JSON.stringify(hay ?? '').match(JWT) ?? []).length;
  return leaks;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
