import { ConnectionError, DefaultReconnectPolicy, DisconnectReason } from 'livekit-client';
import { disconnectReasonName, isTerminalDisconnect } from '../../../src/connection/disconnect-policy';
import { isUnreachable } from '../../../src/connection/reachability';
import {
  UNREACHABLE_RETRY_CAP_MS,
  outageBudgetSpent,
  reconnectBudgetExhausted,
  reconnectDelayMs,
  sdkReconnectVerdict,
  SDK_ATTEMPT_STALL_MS,
  unreachableRetryDelayMs,
} from '../../../src/connection/reconnect-policy';
import { FastReconnectPolicy } from '../../../src/connection/sdk-reconnect-policy';
import { CallTokenError } from '../../../src/token/token-error';

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
  it('the second in a row goes at once too: a node leaving twice is not flapping', () => {
    expect(reconnectDelayMs({ ...base, attempt: 2, now: 3_000, lastForcedAt: 0 })).toBe(0);
  });
  it('from the third in a row, waits out the cooldown since the previous one', () => {
    expect(reconnectDelayMs({ ...base, attempt: 3, now: 5_000, lastForcedAt: 0 })).toBe(10_000);
    expect(reconnectDelayMs({ ...base, attempt: 3, now: 20_000, lastForcedAt: 0 })).toBe(0);
  });
  it('a wall clock set back an hour does not stretch the wait past the cooldown (model-found)', () => {
    expect(reconnectDelayMs({ ...base, attempt: 3, now: -3_600_000, lastForcedAt: 0 })).toBe(15_000);
    expect(reconnectDelayMs({ ...base, attempt: 5, now: -3_600_000, lastForcedAt: 0 })).toBe(60_000);
  });
  it('doubles with every attempt in a row, capped', () => {
    expect([3, 4, 5, 6, 7].map((attempt) => reconnectDelayMs({ ...base, attempt, now: 0, lastForcedAt: 0 }))).toEqual([
      15_000, 30_000, 60_000, 60_000, 60_000,
    ]);
  });
  it('never waits longer than the gap, whatever the clock did (a clock stepped back 30 min)', () => {
    expect(reconnectDelayMs({ ...base, attempt: 3, now: -30 * 60_000, lastForcedAt: 0 })).toBe(15_000);
    expect(reconnectDelayMs({ ...base, attempt: 9, now: -30 * 60_000, lastForcedAt: 0 })).toBe(60_000);
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
  it('an attempt that has not opened its WebSocket after SDK_ATTEMPT_STALL_MS is stuck, long before the timeout', () => {
    expect(sdkReconnectVerdict({ ...base, now: 1_100, attemptWaitingSince: 600 + 1 })).toBeNull();
    expect(sdkReconnectVerdict({ ...base, now: 1_100, attemptWaitingSince: 600 })).toBe('sdk-resume-stalled');
    expect(SDK_ATTEMPT_STALL_MS).toBe(500);
    expect(sdkReconnectVerdict({ ...base, now: 20_000 })).toBeNull();
  });
});

describe('unreachableRetryDelayMs', () => {
  it('sub-second at first, then capped at a few seconds', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 20].map((retry) => unreachableRetryDelayMs(retry, mid))).toEqual([250, 500, 1_000, 2_000, 3_000, 3_000, 3_000]);
  });
  it('jittered ±25 %, never above the cap', () => {
    expect(unreachableRetryDelayMs(0, () => 0)).toBe(188);
    expect(unreachableRetryDelayMs(0, () => 0.999)).toBe(312);
    expect(unreachableRetryDelayMs(9, () => 0.999)).toBe(UNREACHABLE_RETRY_CAP_MS);
  });
  it('the time budget', () => {
    expect(outageBudgetSpent(0, 299_999, 300_000)).toBe(false);
    expect(outageBudgetSpent(0, 300_000, 300_000)).toBe(true);
  });
});

describe('isUnreachable: nobody answered vs answered and failed', () => {
  it.each([
    ['ServerUnreachable', ConnectionError.serverUnreachable('could not establish signal connection'), true],
    ['Timeout', ConnectionError.timeout('room connection has timed out (signal)'), true],
    ['WebSocket', ConnectionError.websocket('Websocket error during a websocket connection attempt'), true],
    ['InternalError (the server answered 5xx)', ConnectionError.internal('server error', { status: 500 }), false],
    ['NotAllowed', ConnectionError.notAllowed('no permissions to access the room', 401), false],
    ['fetch TypeError', new TypeError('Failed to fetch'), true],
    ['retryable token error (503)', new CallTokenError('token-source-failed', 'network', 'token source failed: 503', true), true],
    ['malformed token', new CallTokenError('token-malformed', 'not-allowed', 'not a JWT', false), false],
    ['pc connection failed (it answered on signal)', ConnectionError.internal('could not establish pc connection'), false],
  ])('%s → %s', (_name, error, unreachable) => {
    expect(isUnreachable(error)).toBe(unreachable);
  });
});

describe('FastReconnectPolicy (livekit-client ReconnectPolicy)', () => {
  const at = (retryCount: number, elapsedMs = 0, random = 0.5) => new FastReconnectPolicy(30_000, () => random).nextRetryDelayInMs({ retryCount, elapsedMs });
  it('retries at once, then 0.25, 0.5, 1 s, then every 1.5 s', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => at(n))).toEqual([50, 250, 500, 1_000, 1_500, 1_500, 1_500]);
  });
  it('is jittered ±20 %', () => {
    expect(at(4, 0, 0)).toBe(1_200);
    expect(at(4, 0, 1)).toBe(1_800);
  });
  it('gives up (null) after its budget, so the controller reconnects with a fresh token', () => {
    expect(at(20, 29_999)).toBe(1_500);
    expect(at(20, 30_000)).toBeNull();
  });
  it('waits at most 1.8 s between tries where the default waits up to 10.5 s, with few enough failed WebSockets for Chromium', () => {
    jest.spyOn(Math, 'random').mockReturnValue(1);
    const ours = new FastReconnectPolicy(30_000, () => 1);
    const sdk = new DefaultReconnectPolicy();
    const gaps = (p: { nextRetryDelayInMs: FastReconnectPolicy['nextRetryDelayInMs'] }) => [0, 1, 2, 3, 4, 5, 6].map((n) => p.nextRetryDelayInMs({ retryCount: n, elapsedMs: 0 }) ?? 0);
    expect(Math.max(...gaps(ours))).toBeLessThanOrEqual(1_800);
    expect(Math.max(...gaps(sdk))).toBeGreaterThan(10_000);
    // attempts inside the 30 s budget: few enough that Chromium's WebSocket throttle stays small
    let attempts = 0;
    for (let elapsed = 0, n = 0; ours.nextRetryDelayInMs({ retryCount: n, elapsedMs: elapsed }) !== null; n++, attempts++) {
      elapsed += ours.nextRetryDelayInMs({ retryCount: n, elapsedMs: elapsed })!;
    }
    expect(attempts).toBeLessThanOrEqual(24);
  });
});
