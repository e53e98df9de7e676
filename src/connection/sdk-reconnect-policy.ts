import type { ReconnectContext, ReconnectPolicy } from 'livekit-client';

/** Base delays of the SDK's own resume attempts, then every second. */
export const FAST_SDK_RETRY_DELAYS_MS: readonly number[] = [0, 250, 500, 750, 1_000];

/**
 * livekit-client's default waits 0, 0.3, 1.2, 2.7, 4.8 s and then 7 s between resume attempts, so
 * a signal cut of a few seconds often ends while the SDK sleeps and the call comes back seconds
 * after the network. This one tries again about every second (±20 %, the first at once within
 * 100 ms) for `budgetMs`, then returns null: the SDK gives up and the controller reconnects with
 * a fresh token on its own short schedule. A resume attempt costs one WebSocket connect.
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
