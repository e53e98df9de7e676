import { serverWouldRefuse } from '../token/refresh-policy';

export interface ReconnectDelayInput {
  /** 1 for the first forced reconnect in a row. */
  attempt: number;
  /** Call-clock ms (clock/call-clock.ts), as is `lastForcedAt`. */
  now: number;
  lastForcedAt: number | undefined;
  cooldownMs: number;
  maxDelayMs: number;
  /** Forced reconnects in a row that go at once before the cooldown applies. */
  immediate?: number;
}

/**
 * Two forced reconnects in a row go at once: a node going away twice, a profile change after a
 * kick, are not flapping. From the third on (a Room that keeps connecting and failing again) each
 * waits out the cooldown since the previous one, doubling, capped by `maxDelayMs` whatever the
 * clock does, so a server that answers is never hammered.
 */
export const IMMEDIATE_RECONNECTS = 2;
export function reconnectDelayMs({ attempt, now, lastForcedAt, cooldownMs, maxDelayMs, immediate = IMMEDIATE_RECONNECTS }: ReconnectDelayInput): number {
  if (lastForcedAt === undefined || attempt <= immediate) return 0;
  const gap = Math.min(maxDelayMs, cooldownMs * 2 ** Math.max(0, attempt - immediate - 1));
  return Math.min(gap, Math.max(0, lastForcedAt + gap - now));
}

/** More forced reconnects in a row than allowed: give up with `failed`. */
export function reconnectBudgetExhausted(attempt: number, maxAttempts: number): boolean {
  return attempt > maxAttempts;
}

/** Retries of a server or token endpoint that did not answer: sub-second at first, then this cap. */
export const UNREACHABLE_RETRY_CAP_MS = 3_000;

/**
 * 250 ms, 500 ms, 1 s, 2 s, then every 3 s, each ±25 % so that clients cut off together do not
 * come back in step. Nothing answered, so nothing is hammered; the time budget bounds the whole.
 */
export function unreachableRetryDelayMs(retry: number, random: () => number = Math.random): number {
  const base = Math.min(UNREACHABLE_RETRY_CAP_MS, 250 * 2 ** Math.max(0, retry));
  return Math.min(UNREACHABLE_RETRY_CAP_MS, Math.round(base * (0.75 + 0.5 * random())));
}

/** Trying to reach an unreachable server for longer than the budget ends the call. */
export function outageBudgetSpent(startedAt: number, now: number, budgetMs: number): boolean {
  return now - startedAt >= budgetMs;
}

export interface SdkReconnectInput {
  /** Call-clock ms, as are `since` and `sdkTokenExpiresAt`. */
  now: number;
  /** When the SDK started this resume/restart. */
  since: number;
  /** When the token the SDK holds for it stops being valid. */
  sdkTokenExpiresAt: number;
  timeoutMs: number;
  /** When the SDK's current resume attempt began without opening its WebSocket yet (none: it did, or unknown). */
  attemptWaitingSince?: number;
}

/**
 * A healthy resume attempt opens its WebSocket a few ms after it begins (254 attempts in a CI
 * matrix: at most 8 ms); one that has not after this long is stuck behind the SDK's connection
 * lock and never will. Every ms of it is a ms of Firefox's node-failure recovery (was 1 s).
 */
export const SDK_ATTEMPT_STALL_MS = 500;

/**
 * Whether to stop waiting for the SDK's own reconnect and do a controlled one: its token will be
 * refused (it can only end in a 401 and a give-up), or it has taken longer than any healthy
 * resume (an ICE restart that never completes leaves it reconnecting forever), or its current attempt
 * is stuck before it could open a WebSocket.
 */
export function sdkReconnectVerdict({ now, since, sdkTokenExpiresAt, timeoutMs, attemptWaitingSince }: SdkReconnectInput): 'sdk-token-expired' | 'sdk-reconnect-timeout' | 'sdk-resume-stalled' | null {
  if (serverWouldRefuse(sdkTokenExpiresAt, now)) return 'sdk-token-expired';
  if (now - since >= timeoutMs) return 'sdk-reconnect-timeout';
  if (attemptWaitingSince !== undefined && now - attemptWaitingSince >= SDK_ATTEMPT_STALL_MS) return 'sdk-resume-stalled';
  return null;
}
