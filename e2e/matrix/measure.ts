export interface Sample {
  at: number;
  identity: string;
  sid: string;
  frames: number;
  /** The publication's source (`camera`, `screen_share`), as the watcher records it. */
  source?: string;
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

/**
 * The browsers' own network-error lines, not console calls. Chromium: `WebSocket connection to
 * 'ws://…?access_token=…' failed`, `Failed to load resource`, the CORS line of a validate request
 * cut off mid-way (`Access to fetch at 'http://…/rtc/v1/validate?access_token=…'`), and, as a
 * *warning*, `WebSocket connection to '…' failed: WebSocket is closed before the connection is
 * established.` (Blink, whenever a WebSocket still connecting is closed: an SDK attempt abandoned,
 * or a Room closed mid-attempt when its replacement connects; one CI run counted it as a leak).
 * Firefox (reported over BiDi as page errors): `Firefox can’t establish a connection to the server
 * at ws://…?access_token=…`, `The connection to ws://… was interrupted…`, and `Cross-Origin
 * Request Blocked: … /rtc/v1/validate?access_token=…` (the SDK's validate request after a failed
 * WebSocket, refused while the network is cut).
 */
export const BROWSER_NET_LOG =
  /^(?:(?:error|pageerror): (?:WebSocket connection to|Failed to load resource|Access to fetch at|Firefox can.t establish a connection|The connection to ws|Cross-Origin Request Blocked)|warning: WebSocket connection to '[^']*' failed: WebSocket is closed before the connection is established\.$)/;

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g;

/** JWTs found in anything the page kept or printed. */
export function countTokenLeaks(...haystacks: unknown[]): number {
  let leaks = 0;
  for (const hay of haystacks) leaks += (JSON.stringify(hay ?? '').match(JWT) ?? []).length;
  return leaks;
}

/**
 * Where each JWT sits: the haystack's name and ~120 characters before it (the token itself
 * replaced by `[JWT]`), so a failed run says which path let it through without printing it.
 */
export function tokenLeakSites(haystacks: Record<string, unknown>): string[] {
  const sites: string[] = [];
  for (const [name, hay] of Object.entries(haystacks)) {
    const text = JSON.stringify(hay ?? '');
    for (const m of text.matchAll(JWT)) sites.push(`${name}: …${text.slice(Math.max(0, m.index - 120), m.index).replace(JWT, '[JWT]')}[JWT]${text.slice(m.index + m[0].length, m.index + m[0].length + 40).replace(JWT, '[JWT]')}`);
  }
  return sites;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}
