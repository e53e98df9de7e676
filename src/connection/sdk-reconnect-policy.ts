import type { ReconnectContext, ReconnectPolicy } from 'livekit-client';

/** Base delays of the SDK's own resume attempts, then every 1.5 s. */
export const FAST_SDK_RETRY_DELAYS_MS: readonly number[] = [0, 250, 500, 1_000, 1_500];

/**
 * livekit-client's default waits 0, 0.3, 1.2, 2.7, 4.8 s and then 7 s between resume attempts, so
 * a signal cut of a few seconds often ends while the SDK sleeps and the call comes back seconds
 * after the network. This one tries at once (within 100 ms), then 0.25, 0.5, 1 s, then every
 * 1.5 s (±20 %) for `budgetMs` (about 20 tries in 30 s), then returns null: the SDK gives up and
 * the controller reconnects with a fresh token. It is not denser on purpose: every failed attempt
 * is a failed WebSocket, and Chromium delays each new WebSocket of a page by 1–5 s × 2^(failures
 * ÷ (successes + 1)) ÷ 65536 (its per-process throttle, over the last 2–4 min), so about 30
 * failures would slow the very attempt that finds the network back by seconds. (The SDK's
 * resume cannot be started early from outside: its own `online` handler only acts while an
 * attempt is running.) `maxAttempts` ends it sooner in a browser that holds back WebSockets after
 * a few failures (Firefox: firefox-defaults.ts).
 */
export class FastReconnectPolicy implements ReconnectPolicy {
  constructor(
    readonly budgetMs: number,
    private readonly random: () => number = Math.random,
    readonly maxAttempts: number = Number.POSITIVE_INFINITY,
  ) {}

  nextRetryDelayInMs({ retryCount, elapsedMs }: ReconnectContext): number | null {
    if (elapsedMs >= this.budgetMs || retryCount >= this.maxAttempts) return null;
    const base = FAST_SDK_RETRY_DELAYS_MS[Math.min(retryCount, FAST_SDK_RETRY_DELAYS_MS.length - 1)]!;
    if (base === 0) return Math.round(100 * this.random());
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }
}
