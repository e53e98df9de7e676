import { ConnectionError, DisconnectReason, UnexpectedConnectionState } from 'livekit-client';
import { callActions, selectReconnectAttempts, selectRoomInstanceKey } from '../../src';
import { makeTestToken } from '../../src/testing';
import { advance, createCallStore, settle, useFakeCallClock, createJoinedStore } from '../helpers/call-store';

useFakeCallClock();

const joined = createJoinedStore;

const expired401 = () =>
  ConnectionError.notAllowed(
    `invalid token: ${makeTestToken({ identity: 'ann', ttlSeconds: -120 })}, error: token has invalid claims: token is expired`,
    401,
  );

describe('SDK reconnect states', () => {
  it('Reconnecting / SignalReconnecting → reconnecting; Reconnected → connected, same Room', async () => {
    const t = await joined();
    const room = t.rooms.last();
    room.simulateSignalReconnecting();
    await settle();
    expect(t.call().status).toBe('reconnecting');
    room.simulateReconnected();
    await settle();
    expect(t.call().status).toBe('connected');
    room.simulateReconnecting();
    await settle();
    expect(t.call().status).toBe('reconnecting');
    room.simulateReconnected();
    await settle();
    expect(t.call().status).toBe('connected');
    expect(t.rooms.rooms).toHaveLength(1);
  });
});

describe('controlled reconnect', () => {
  it('SDK gives up (401 on resume) → fresh token (force) → new Room → instance key + 1', async () => {
    const t = await joined();
    const old = t.rooms.last();
    await advance(30_000);
    old.simulateSdkGiveUp();
    await settle();
    expect(t.rooms.rooms).toHaveLength(2);
    expect(old.listenerCount()).toBe(0);
    expect(old.disconnectCalls).toBe(1);
    const fresh = t.rooms.last();
    expect(fresh.connectCalls).toHaveLength(1);
    expect(fresh.connectCalls[0]!.exp! * 1000).toBe(Date.now() + 600_000); // minted now, not the join token
    expect(fresh.connectCalls[0]!.identity).toBe('ann');
    expect(selectRoomInstanceKey(t.store.getState())).toBe(2);
    expect(t.call().status).toBe('connected');
    expect(t.call().lastReconnectReason).toBe('sdk-gave-up');
    expect(t.controller.getRoom()).toBe(fresh);
    const types = t.actionTypes();
    expect(types.indexOf('call/reconnectStarted')).toBeLessThan(types.lastIndexOf('call/tokenReceived'));
    expect(types.lastIndexOf('call/tokenReceived')).toBeLessThan(types.lastIndexOf('call/roomCreated'));
  });

  it('SERVER_SHUTDOWN is a reason to come back, not the end of the call', async () => {
    const t = await joined();
    t.rooms.last().simulateDisconnected(DisconnectReason.SERVER_SHUTDOWN);
    await settle();
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().status).toBe('connected');
    expect(t.call().lastReconnectReason).toBe('disconnected: SERVER_SHUTDOWN');
  });

  it.each([
    DisconnectReason.DUPLICATE_IDENTITY,
    DisconnectReason.PARTICIPANT_REMOVED,
    DisconnectReason.ROOM_DELETED,
    DisconnectReason.ROOM_CLOSED,
    DisconnectReason.USER_REJECTED,
    DisconnectReason.CLIENT_INITIATED,
  ])('terminal reason %s ends the call without a reconnect', async (reason) => {
    const t = await joined();
    t.rooms.last().simulateDisconnected(reason);
    await settle();
    await advance(120_000);
    expect(t.call().status).toBe('disconnected');
    expect(t.call().disconnectReason).toBe(DisconnectReason[reason]);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.count(callActions.reconnectStarted.type)).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('forceReconnect goes through the same path; from the third in a row it waits out the cooldown', async () => {
    const t = await joined({ reconnectCooldownMs: 15_000 });
    t.store.dispatch(callActions.forceReconnect({ reason: 'user' }));
    await settle();
    t.store.dispatch(callActions.forceReconnect({ reason: 'again' }));
    await settle();
    expect(t.rooms.rooms).toHaveLength(3);
    t.store.dispatch(callActions.forceReconnect({ reason: 'third' }));
    await settle();
    expect(t.rooms.rooms).toHaveLength(3);
    await advance(14_999);
    expect(t.rooms.rooms).toHaveLength(3);
    await advance(1);
    expect(t.rooms.rooms).toHaveLength(4);
    expect(t.call().status).toBe('connected');
    expect(t.call().lastReconnectReason).toBe('forced: third');
  });

  it('maxReconnectAttempts forced reconnects in a row → failed with the reason; one alert', async () => {
    const t = await joined({ maxReconnectAttempts: 3, reconnectCooldownMs: 10_000 });
    for (let i = 0; i < 3; i++) {
      const rooms = t.rooms.rooms.length;
      t.rooms.last().simulateSdkGiveUp();
      // give up again as soon as the new Room is up: never stable long enough to be forgiven
      for (let waited = 0; t.rooms.rooms.length === rooms || t.call().status !== 'connected'; waited += 100) {
        expect(waited).toBeLessThan(120_000);
        await advance(100);
      }
    }
    expect(t.rooms.rooms).toHaveLength(4);
    expect(selectReconnectAttempts(t.store.getState())).toBe(3);
    t.rooms.last().simulateSdkGiveUp();
    await settle();
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ code: 'reconnect-limit' });
    expect(t.rooms.rooms).toHaveLength(4);
    await advance(60_000);
    expect(t.alerts).toHaveLength(1);
    expect(t.alerts[0]!.message).toMatch(/gave up after 3 forced reconnects/);
  });

  it('the attempt count resets after the call stays connected for the cooldown', async () => {
    const t = await joined({ maxReconnectAttempts: 2, reconnectCooldownMs: 5_000 });
    t.rooms.last().simulateSdkGiveUp();
    await settle();
    expect(selectReconnectAttempts(t.store.getState())).toBe(1);
    await advance(5_000);
    expect(selectReconnectAttempts(t.store.getState())).toBe(0);
    for (let i = 0; i < 2; i++) {
      t.rooms.last().simulateSdkGiveUp();
      await advance(4_000);
    }
    expect(t.call().status).not.toBe('failed');
  });

  it('connects that the server answers with a failure count as attempts, with the cooldown, until the budget ends', async () => {
    const t = await joined({ maxReconnectAttempts: 2, reconnectCooldownMs: 1_000 });
    t.rooms.scriptConnect(
      { error: ConnectionError.internal('could not establish pc connection') },
      { error: ConnectionError.internal('could not establish pc connection') },
    );
    t.rooms.last().simulateSdkGiveUp();
    await advance(30_000);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ code: 'reconnect-limit' });
  });
});

describe('401 on connect', () => {
  it('one fresh token and an immediate retry', async () => {
    const t = createCallStore();
    t.rooms.scriptConnect({ error: expired401() });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await settle();
    expect(t.tokens.fetches).toHaveLength(2);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().status).toBe('connected');
    expect(t.call().identity).toBe('ann');
  });

  it('the old go-jose wording counts as an expired token too', async () => {
    const t = createCallStore();
    t.rooms.scriptConnect({
      error: ConnectionError.notAllowed(`invalid token: ${makeTestToken({ identity: 'ann' })}, error: go-jose/go-jose/jwt: validation failed, token is expired (exp)`, 401),
    });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await settle();
    expect(t.call().status).toBe('connected');
    expect(t.rooms.rooms).toHaveLength(2);
  });

  it('a server that keeps refusing ends in failed with a typed, redacted error — no loop', async () => {
    const t = createCallStore();
    t.rooms.scriptConnect({ error: expired401() }, { error: expired401() }, { error: expired401() });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await advance(120_000);
    expect(t.call().status).toBe('failed');
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().lastError).toMatchObject({ kind: 'token-expired', code: 'connect-refused' });
    expect(t.call().lastError!.message).not.toMatch(/eyJ/);
    expect(t.alerts).toHaveLength(1);
  });

  it('no permissions to access the room → failed at once', async () => {
    const t = createCallStore();
    t.rooms.scriptConnect({ error: ConnectionError.notAllowed('no permissions to access the room', 401) });
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await advance(60_000);
    expect(t.call().status).toBe('failed');
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.call().lastError).toMatchObject({ kind: 'not-allowed', code: 'connect-refused' });
  });

  it('UnexpectedConnectionState after a resume 401 (SDK gave up) is recovered by the controller', async () => {
    const t = await joined();
    t.rooms.last().simulateMediaDevicesError(new UnexpectedConnectionState('could not reconnect, token might be expired'));
    t.rooms.last().simulateSdkGiveUp();
    await settle();
    expect(t.call().status).toBe('connected');
    expect(t.rooms.rooms).toHaveLength(2);
  });
});
