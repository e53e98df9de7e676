import { callClockNow } from '../clock/call-clock';

/** When a token stops being usable, on the call clock (clock/call-clock.ts). */
export interface TokenLife {
  /** callClockNow() when the token arrived. */
  receivedAt: number;
  /** How long it was valid when it arrived, by its own claims. */
  lifetimeMs: number;
}

/** Never assume less than this for a token whose lifetime cannot be read from its claims. */
export const MIN_ASSUMED_LIFETIME_MS = 60_000;

/**
 * A token's lifetime from its own claims (`exp - nbf`, or `exp - iat`), so a browser clock minutes
 * ahead of or behind the token server changes nothing: the token counts as fresh when it arrives
 * (a stale one is the server's to refuse, and a 401 gets a fresh token). Without `nbf`/`iat` the
 * wall clock is all there is, floored so that a skewed clock cannot make a refresh loop.
 */
export function lifetimeFromClaims(expiresAt: number, issuedAt: number | null, wallNow: number): number {
  if (issuedAt !== null) return expiresAt - issuedAt;
  return Math.max(MIN_ASSUMED_LIFETIME_MS, expiresAt - wallNow);
}

export const tokenLife = (lifetimeMs: number, receivedAt = callClockNow()): TokenLife => ({ receivedAt, lifetimeMs });

/** exp on the call clock. */
export const lifeEndsAt = (life: TokenLife): number => life.receivedAt + life.lifetimeMs;
