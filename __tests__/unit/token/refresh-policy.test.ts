import { isRefreshDue, refreshAt, refreshDelayMs, refreshRetryDelayMs, serverWouldRefuse } from '../../../src/token/refresh-policy';

const MIN = 60_000;

describe('refreshAt', () => {
  it.each([
    // lifetime, lead, expected offset from issue
    [10 * MIN, 2 * MIN, 8 * MIN], // lead and 80 % agree
    [60 * MIN, 2 * MIN, 58 * MIN], // long tokens: lead wins
    [60_000, 2 * MIN, 48_000], // short tokens: never later than 80 %
    [5_000, 2 * MIN, 4_000],
  ])('lifetime %d ms, lead %d ms → refresh at +%d ms', (lifetime, lead, offset) => {
    expect(refreshAt({ issuedAt: 1_000, expiresAt: 1_000 + lifetime, leadMs: lead })).toBe(1_000 + offset);
  });
});

describe('refreshDelayMs', () => {
  it('counts from now and never goes below one second', () => {
    expect(refreshDelayMs({ now: 0, issuedAt: 0, expiresAt: 10 * MIN, leadMs: 2 * MIN })).toBe(8 * MIN);
    expect(refreshDelayMs({ now: 7 * MIN, issuedAt: 0, expiresAt: 10 * MIN, leadMs: 2 * MIN })).toBe(MIN);
    expect(refreshDelayMs({ now: 20 * MIN, issuedAt: 0, expiresAt: 10 * MIN, leadMs: 2 * MIN })).toBe(1_000);
  });
  it('isRefreshDue flips at the refresh time', () => {
    const t = { issuedAt: 0, expiresAt: 10 * MIN, leadMs: 2 * MIN };
    expect(isRefreshDue({ ...t, now: 8 * MIN - 1 })).toBe(false);
    expect(isRefreshDue({ ...t, now: 8 * MIN })).toBe(true);
  });
});

describe('refreshRetryDelayMs', () => {
  it('doubles from 2 s up to 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => refreshRetryDelayMs(n))).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });
  it('does not sleep past half the time the token has left', () => {
    expect(refreshRetryDelayMs(5, 10_000)).toBe(5_000);
    expect(refreshRetryDelayMs(5, 1_000)).toBe(1_000);
  });
});

describe('serverWouldRefuse', () => {
  it('honours the server’s one minute of leeway', () => {
    expect(serverWouldRefuse(0, 60_000)).toBe(false);
    expect(serverWouldRefuse(0, 60_001)).toBe(true);
  });
});
