/** Kinds a controller can announce as expected for a while (it is recovering from them). */
export type ExpectedNoiseKind = 'negotiation' | 'cancelled' | 'remove-track-sender';

// Module-level on purpose: the window filter and every controller in the page share it.
const until = new Map<ExpectedNoiseKind, number>();

/** From now on, for `forMs`, errors of `kind` are the echo of a recovery, not news. */
export function expectNoise(kind: ExpectedNoiseKind, forMs: number, now = Date.now()): void {
  until.set(kind, Math.max(until.get(kind) ?? 0, now + forMs));
}

export function isNoiseExpected(kind: string, now = Date.now()): boolean {
  // The removeTrack sender mismatch is a known SDK race with no user impact: always noise.
  if (kind === 'remove-track-sender') return true;
  return (until.get(kind as ExpectedNoiseKind) ?? 0) >= now;
}

/** For tests. */
export function resetExpectedNoise(): void {
  until.clear();
}
