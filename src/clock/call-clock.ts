/**
 * The clock for durations: cooldowns, timeouts, and how old a token is. It is `performance.now()`
 * (steady, untouched by NTP steps or a user changing the wall clock) plus the time the machine
 * slept, which some platforms leave out of `performance.now()` but which tokens live through.
 * A wall clock stepped back changes nothing here; one stepped forward counts like a sleep, which
 * errs towards refreshing a token early (one fetch), never towards trusting a dead one.
 */
let sleptMs = 0;

function steadyNow(): number {
  const perf = (globalThis as { performance?: { now?: () => number } }).performance;
  return typeof perf?.now === 'function' ? perf.now() : Date.now();
}

export function callClockNow(): number {
  return steadyNow() + sleptMs;
}

/** A reading of both clocks, to compare later (see `noteSleepSince`). */
export interface ClockMark {
  wall: number;
  steady: number;
}

export const markClocks = (): ClockMark => ({ wall: Date.now(), steady: steadyNow() });

/**
 * Wall time that passed without steady time since `mark`, beyond `thresholdMs`, is sleep: added
 * to the call clock and returned (0 when none).
 */
export function noteSleepSince(mark: ClockMark, thresholdMs: number): number {
  const gap = Date.now() - mark.wall - (steadyNow() - mark.steady);
  if (!(gap > thresholdMs)) return 0;
  sleptMs += gap;
  return gap;
}
