import { serverWouldRefuse } from '../token/refresh-policy';

export interface ReconnectDelayInput {
  /** 1 for the first forced reconnect in a row. */
  attempt: number;
  now: number;
  lastForcedAt: number | undefined;
  cooldownMs: number;
  maxDelayMs: number;
}

/**
 * The first forced reconnect goes at once; later ones wait out the cooldown since the previous
 * one, doubling with each attempt in a row (capped), so a broken server is not hammered. Never
 * longer than that wait: a wall clock set back (NTP, the user) must not park the call for an hour.
 */
export function reconnectDelayMs({ attempt, now, lastForcedAt, cooldownMs, maxDelayMs }: ReconnectDelayInput): number {
  if (lastForcedAt === undefined) return 0;
  const wait = Math.max(Math.min(maxDelayMs, cooldownMs * 2 ** Math.max(0, attempt - 2)), cooldownMs);
  return Math.min(wait, Math.max(0, lastForcedAt + wait - now));
}

/** More forced reconnects in a row than allowed: give up with `failed`. */
export function reconnectBudgetExhausted(attempt: number, maxAttempts: number): boolean {
  return attempt > maxAttempts;
}

export interface SdkReconnectInput {
  now: number;
  /** When the SDK started this resume/restart. */
  since: number;
  /** exp of the token the SDK holds for it. */
  sdkTokenExpiresAt: number;
  timeoutMs: number;
}

/**
 * Whether to stop waiting for the SDK's own reconnect and do a controlled one: its token will be
 * refused (it can only end in a 401 and a give-up), or it has taken longer than any healthy
 * resume (an ICE restart that never completes leaves it reconnecting forever).
 */
export function sdkReconnectVerdict({ now, since, sdkTokenExpiresAt, timeoutMs }: SdkReconnectInput): 'sdk-token-expired' | 'sdk-reconnect-timeout' | null {
  if (serverWouldRefuse(sdkTokenExpiresAt, now)) return 'sdk-token-expired';
  if (now - since >= timeoutMs) return 'sdk-reconnect-timeout';
  return null;
}
