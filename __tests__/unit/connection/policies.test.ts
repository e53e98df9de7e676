import { DisconnectReason } from 'livekit-client';
import { disconnectReasonName, isTerminalDisconnect } from '../../../src/connection/disconnect-policy';
import { reconnectBudgetExhausted, reconnectDelayMs, sdkReconnectVerdict } from '../../../src/connection/reconnect-policy';

describe('isTerminalDisconnect', () => {
  it.each([
    [DisconnectReason.CLIENT_INITIATED, true],
    [DisconnectReason.DUPLICATE_IDENTITY, true],
    [DisconnectReason.PARTICIPANT_REMOVED, true],
    [DisconnectReason.ROOM_DELETED, true],
    [DisconnectReason.ROOM_CLOSED, true],
    [DisconnectReason.USER_REJECTED, true],
    [DisconnectReason.SERVER_SHUTDOWN, false],
    [DisconnectReason.UNKNOWN_REASON, false],
    [DisconnectReason.STATE_MISMATCH, false],
    [DisconnectReason.JOIN_FAILURE, false],
    [DisconnectReason.SIGNAL_CLOSE, false],
    [undefined, false],
  ])('%s → %s', (reason, terminal) => {
    expect(isTerminalDisconnect(reason)).toBe(terminal);
  });
  it('names reasons for the timeline', () => {
    expect(disconnectReasonName(DisconnectReason.SERVER_SHUTDOWN)).toBe('SERVER_SHUTDOWN');
    expect(disconnectReasonName(undefined)).toBeNull();
    expect(disconnectReasonName(999)).toBe('REASON_999');
  });
});

describe('reconnectDelayMs', () => {
  const base = { cooldownMs: 15_000, maxDelayMs: 60_000 };
  it('goes at once when there was no forced reconnect before', () => {
    expect(reconnectDelayMs({ ...base, attempt: 1, now: 100, lastForcedAt: undefined })).toBe(0);
  });
  it('waits out the cooldown since the previous one', () => {
    expect(reconnectDelayMs({ ...base, attempt: 2, now: 5_000, lastForcedAt: 0 })).toBe(10_000);
    expect(reconnectDelayMs({ ...base, attempt: 2, now: 20_000, lastForcedAt: 0 })).toBe(0);
  });
  it('a wall clock set back an hour does not stretch the wait past the cooldown (model-found)', () => {
    expect(reconnectDelayMs({ ...base, attempt: 2, now: -3_600_000, lastForcedAt: 0 })).toBe(15_000);
    expect(reconnectDelayMs({ ...base, attempt: 4, now: -3_600_000, lastForcedAt: 0 })).toBe(60_000);
  });
  it('doubles with every attempt in a row, capped', () => {
    expect([2, 3, 4, 5, 6].map((attempt) => reconnectDelayMs({ ...base, attempt, now: 0, lastForcedAt: 0 }))).toEqual([
      15_000, 30_000, 60_000, 60_000, 60_000,
    ]);
  });
  it('budget', () => {
    expect(reconnectBudgetExhausted(5, 5)).toBe(false);
    expect(reconnectBudgetExhausted(6, 5)).toBe(true);
  });
});

describe('sdkReconnectVerdict', () => {
  const base = { since: 0, sdkTokenExpiresAt: 100_000, timeoutMs: 30_000 };
  it.each([
    [10_000, null],
    [29_999, null],
    [30_000, 'sdk-reconnect-timeout'],
    [160_001, 'sdk-token-expired'],
  ])('at %d ms → %s', (now, verdict) => {
    expect(sdkReconnectVerdict({ ...base, now })).toBe(verdict);
  });
  it('a token past exp + 60 s wins even before the timeout', () => {
    expect(sdkReconnectVerdict({ now: 61_001, since: 60_000, sdkTokenExpiresAt: 0, timeoutMs: 30_000 })).toBe('sdk-token-expired');
  });
});
