/** Kinds a controller can announce as expected for a while (it is causing or recovering from them). */
export type ExpectedNoiseKind = 'negotiation' | 'cancelled' | 'remove-track-sender';

// Module-level on purpose: the window filter and every controller in the page share one view.
const until = new Map<ExpectedNoiseKind, number>();

/**
 * From `now` on, for `forMs`, errors of `kind` are the echo of something a controller did
 * (left, replaced a Room) or is recovering from (NegotiationErrors), not news. Windows only grow:
 * a shorter announcement never cuts a longer one short.
 */
export function expectNoise(kind: ExpectedNoiseKind, forMs: number, now = Date.now()): void {
  if (!(forMs > 0) || !Number.isFinite(now)) return;
  until.set(kind, Math.max(until.get(kind) ?? 0, now + forMs));
}

/** Is noise of `kind` expected at `now`? The `removeTrack` sender race always is. */
export function isNoiseExpected(kind: string, now = Date.now()): boolean {
  // A known SDK race with no user impact: never news, whatever a controller announced.
  if (kind === 'remove-track-sender') return true;
  return (until.get(kind as ExpectedNoiseKind) ?? -Infinity) >= now;
}

/** Forget every announcement (tests; or an app tearing all calls down). */
export function resetExpectedNoise(): void {
  until.clear();
}
