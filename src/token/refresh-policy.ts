export interface RefreshTimingInput {
  now: number;
  issuedAt: number;
  expiresAt: number;
  leadMs: number;
}

/** Share of a token's lifetime after which a short-lived token is refreshed at the latest. */
export const MAX_LIFETIME_SHARE = 0.8;
/** Never spin: even a token that is due gets at least this long. */
export const MIN_REFRESH_DELAY_MS = 1_000;

/**
 * When to fetch the next token: `leadMs` before exp. A short-lived token (whose lifetime is under
 * `leadMs / 20 %`, e.g. under 10 min with the default lead) is refreshed at 80 % of its lifetime
 * instead, so a 60 s token is renewed at 48 s rather than "120 s before exp", i.e. at once, in a loop.
 */
export function refreshAt({ issuedAt, expiresAt, leadMs }: Omit<RefreshTimingInput, 'now'>): number {
  const lifetime = Math.max(0, expiresAt - issuedAt);
  return expiresAt - Math.min(leadMs, lifetime * (1 - MAX_LIFETIME_SHARE));
}

export function refreshDelayMs(input: RefreshTimingInput): number {
  return Math.max(MIN_REFRESH_DELAY_MS, refreshAt(input) - input.now);
}

/** The refresh is due (or overdue) now, e.g. after waking from sleep. */
export function isRefreshDue(input: RefreshTimingInput): boolean {
  return input.now >= refreshAt(input);
}

/** The server refuses a token once `now > exp + 60 s` (its leeway). */
export const SERVER_EXP_LEEWAY_MS = 60_000;
export function serverWouldRefuse(expiresAt: number, now: number): boolean {
  return now > expiresAt + SERVER_EXP_LEEWAY_MS;
}

/** Backoff for failed refreshes: 2 s, 4 s, 8 s … capped at 60 s, and never past the token's end. */
export function refreshRetryDelayMs(failures: number, msUntilExpiry = Number.POSITIVE_INFINITY): number {
  const backoff = Math.min(60_000, 1_000 * 2 ** Math.max(1, failures));
  return Math.max(MIN_REFRESH_DELAY_MS, Math.min(backoff, msUntilExpiry > 0 ? msUntilExpiry / 2 : backoff));
}
