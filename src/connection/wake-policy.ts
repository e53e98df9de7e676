/** How often the wake detector looks at the wall clock. */
export const WAKE_TICK_MS = 2_000;
/** A tick this much later than scheduled means the machine slept (or the tab was frozen). */
export const WAKE_JUMP_THRESHOLD_MS = 10_000;

/** Milliseconds the clock jumped past a tick, or 0 when the tick came on time. */
export function clockJump(scheduledAt: number, firedAt: number, tickMs = WAKE_TICK_MS, thresholdMs = WAKE_JUMP_THRESHOLD_MS): number {
  const late = firedAt - scheduledAt - tickMs;
  return late > thresholdMs ? late : 0;
}
