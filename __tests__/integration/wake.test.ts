import { callActions } from '../../src';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

async function joined(ttlSeconds = 600, sdkReconnectTimeoutMs = 60 * 60_000) {
  const t = createCallStore({ ttlSeconds, sdkReconnectTimeoutMs });
  t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
  await settle();
  return t;
}

describe('wake from sleep', () => {
  it('a wall-clock jump is detected and the token refreshed at once', async () => {
    const t = await joined(600);
    expect(t.tokens.fetches).toHaveLength(1);
    // the laptop sleeps 30 minutes: timers are frozen, the clock is not
    jest.setSystemTime(Date.now() + 30 * 60_000);
    await advance(2_000);
    expect(t.actions.some((a) => a.type === callActions.tokenCheckRequested.type && String((a.payload as { cause: string }).cause).startsWith('clock-jump'))).toBe(true);
    expect(t.tokens.fetches).toHaveLength(2);
    expect(t.call().tokenExpiresAt).toBe(Date.now() + 600_000 - 0);
  });

  it('no jump, no early refresh', async () => {
    const t = await joined(600);
    await advance(5 * 60_000);
    expect(t.count(callActions.tokenCheckRequested.type)).toBe(0);
    expect(t.tokens.fetches).toHaveLength(1);
  });

  it('while the SDK resumes with a token the server will refuse, the controller reconnects at once instead of waiting for the 401', async () => {
    const t = await joined(600);
    const room = t.rooms.last();
    room.simulateReconnecting();
    await settle();
    // asleep past exp + 60 s of the token the SDK holds
    jest.setSystemTime(Date.now() + 12 * 60_000);
    await advance(2_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(room.disconnectCalls).toBe(1);
    expect(t.call().lastReconnectReason).toBe('sdk-token-expired');
    expect(t.call().status).toBe('connected');
  });

  it('the stale-token check waits while the SDK token is still acceptable (leeway)', async () => {
    const t = await joined(120);
    const room = t.rooms.last();
    await advance(100_000); // token refreshed by us, but the SDK still holds the join token (exp = +120 s)
    room.simulateReconnecting();
    await advance(70_000); // now = +170 s < exp + 60 s
    expect(t.rooms.rooms).toHaveLength(1);
    await advance(11_000); // now = +181 s > exp + 60 s
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().lastReconnectReason).toBe('sdk-token-expired');
  });

  it('the engine announcing the token it already holds before each resume attempt does not make it younger (CI: token-endpoint-down-then-cut)', async () => {
    const t = await joined(20);
    const room = t.rooms.last();
    await advance(85_000); // past exp + 60 s of the join token; our refreshes went through, the SDK's token did not change
    room.simulateSignalReconnecting(); // re-announces the join token, as livekit-client's engine does
    await advance(1_000);
    room.simulateSignalReconnecting();
    await advance(1_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().lastReconnectReason).toBe('sdk-token-expired');
  });

  it('the server’s own refresh tokens (engine TokenRefreshed) extend what the SDK holds', async () => {
    const t = await joined(120);
    const room = t.rooms.last();
    room.simulateServerTokenRefresh(600);
    room.simulateReconnecting();
    await advance(300_000);
    expect(t.rooms.rooms).toHaveLength(1);
  });

  it('an SDK resume that hangs past sdkReconnectTimeoutMs is replaced by a controlled reconnect', async () => {
    const t = await joined(600, 30_000);
    const room = t.rooms.last();
    room.simulateSignalReconnecting(); // e.g. an ICE restart that never completes
    await advance(29_000);
    expect(t.rooms.rooms).toHaveLength(1);
    await advance(2_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(room.disconnectCalls).toBe(1);
    expect(t.call().lastReconnectReason).toBe('sdk-reconnect-timeout');
    expect(t.call().status).toBe('connected');
  });

  it('a resume that comes back in time resets the clock', async () => {
    const t = await joined(600, 30_000);
    const room = t.rooms.last();
    room.simulateSignalReconnecting();
    await advance(20_000);
    room.simulateReconnected();
    await advance(1_000);
    room.simulateSignalReconnecting();
    await advance(20_000);
    expect(t.rooms.rooms).toHaveLength(1);
  });
});
