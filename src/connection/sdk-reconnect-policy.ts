import type { ReconnectContext, ReconnectPolicy } from 'livekit-client';

/** Base delays of the SDK's own resume attempts, then every 3 s. */
export const FAST_SDK_RETRY_DELAYS_MS: readonly number[] = [0, 300, 1_000, 2_000, 3_000];

/**
 * livekit-client's default waits 0, 0.3, 1.2, 2.7, 4.8 s and then 7 s between resume attempts, so
 * a signal cut of a few seconds often ends while the SDK sleeps and the call comes back seconds
 * after the network. This one tries at once (within 100 ms), then 0.3, 1, 2 s, then every 3 s
 * (±20 %) for `budgetMs`, then returns null: the SDK gives up and the controller reconnects with
 * a fresh token. It is not denser on purpose: every failed attempt is a failed WebSocket, and
 * Chromium delays each new WebSocket of a page by up to 5 s once failures pile up (its
 * per-process throttle), which would slow the very attempt that finds the network back. The
 * controller's reachability probe (plain HTTP, not throttled) starts the next attempt at once
 * when the server answers again (see sdk-resume-now.ts), so the schedule only matters without it.
 */
export class FastReconnectPolicy implements ReconnectPolicy {
  constructor(
    readonly budgetMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  nextRetryDelayInMs({ retryCount, elapsedMs }: ReconnectContext): number | null {
    if (elapsedMs >= this.budgetMs) return null;
    const base = FAST_SDK_RETRY_DELAYS_MS[Math.min(retryCount, FAST_SDK_RETRY_DELAYS_MS.length - 1)]!;
    if (base === 0) return Math.round(100 * this.random());
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }
}
