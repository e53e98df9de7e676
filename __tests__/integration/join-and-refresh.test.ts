import { ConnectionState } from 'livekit-client';
import { callActions, selectCallStatus, selectIdentity, selectRoomInstanceKey, selectTokenExpiresAt } from '../../src';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

describe('join', () => {
  it('fetches a token, builds a Room with the hd profile and connects with the connect options', async () => {
    const t = createCallStore({ connectOptions: { rtcConfig: { iceServers: [] } } });
    t.store.dispatch(callActions.join({ roomName: 'standup', participantName: 'Ann', participantIdentity: 'ann' }));
    await settle();

    expect(t.tokens.fetches).toHaveLength(1);
    expect(t.tokens.fetches[0]!.options).toEqual({ roomName: 'standup', participantName: 'Ann', participantIdentity: 'ann' });
    expect(t.rooms.rooms).toHaveLength(1);
    const room = t.rooms.last();
    expect(room.options.publishDefaults).toMatchObject({ videoCodec: 'vp9', simulcast: true });
    expect(room.connectCalls[0]).toMatchObject({ url: 'wss://livekit.test', identity: 'ann', options: { rtcConfig: { iceServers: [] } } });
    expect(selectCallStatus(t.store.getState())).toBe('connected');
    expect(selectIdentity(t.store.getState())).toBe('ann');
    expect(selectTokenExpiresAt(t.store.getState())).toBe(Date.now() + 600_000);
    expect(selectRoomInstanceKey(t.store.getState())).toBe(1);
    expect(t.controller.getRoom()).toBe(room);
  });

  it('passes through connecting before connected', async () => {
    const t = createCallStore();
    t.rooms.scriptConnect({ delayMs: 500 });
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await settle();
    expect(t.call().status).toBe('connecting');
    await advance(500);
    expect(t.call().status).toBe('connected');
  });

  it('a guest keeps the identity the server gave on every later fetch', async () => {
    const t = createCallStore({ ttlSeconds: 600 });
    t.store.dispatch(callActions.join({ roomName: 'r', participantName: 'Guest' }));
    await settle();
    expect(t.tokens.fetches[0]!.options.participantIdentity).toBeUndefined();
    expect(t.call().identity).toBe('guest-1');

    await advance(8 * 60_000); // refresh
    t.rooms.last().simulateSdkGiveUp(); // forces a new Room with a fresh token
    await settle();
    const later = t.tokens.fetches.slice(1);
    expect(later.length).toBeGreaterThanOrEqual(2);
    for (const fetch of later) expect(fetch.options.participantIdentity).toBe('guest-1');
    expect(t.rooms.last().connectCalls[0]!.identity).toBe('guest-1');
    expect(t.call().identity).toBe('guest-1');
  });

  it('subscribe() tells about every Room change', async () => {
    const t = createCallStore();
    const seen: unknown[] = [];
    const unsubscribe = t.controller.subscribe((room) => seen.push(room));
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await settle();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await settle();
    t.store.dispatch(callActions.leave());
    await settle();
    expect(seen).toEqual([t.rooms.rooms[0], t.rooms.rooms[1], undefined]);
    unsubscribe();
  });
});

describe('silent refresh', () => {
  it('a two-hour call on ten-minute tokens: refreshes only, one Room, identity constant', async () => {
    const t = createCallStore({ ttlSeconds: 600 });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await settle();
    const expiries: number[] = [];
    for (let minute = 0; minute < 120; minute++) {
      await advance(60_000);
      const exp = t.call().tokenExpiresAt!;
      if (expiries[expiries.length - 1] !== exp) expiries.push(exp);
      expect(exp).toBeGreaterThan(Date.now()); // never runs on an expired token
    }
    // 600 s tokens, refreshed 120 s before exp (= 80 % of the lifetime): every 8 minutes.
    expect(t.tokens.fetches).toHaveLength(1 + 15);
    expect(t.count(callActions.tokenReceived.type)).toBe(16);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.rooms.last().connectCalls).toHaveLength(1);
    expect(t.call().identity).toBe('ann');
    expect(t.call().status).toBe('connected');
    expect(t.call().roomInstanceKey).toBe(1);
    expect(t.tokens.fetches.slice(1).every((f) => f.options.participantIdentity === 'ann')).toBe(true);
  });

  it('short-lived tokens are refreshed at 80 % of their lifetime, not later', async () => {
    const t = createCallStore({ ttlSeconds: 60 });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await settle();
    await advance(47_999);
    expect(t.tokens.fetches).toHaveLength(1);
    await advance(1);
    expect(t.tokens.fetches).toHaveLength(2);
  });

  it('a failing refresh retries with backoff while the call goes on, with a typed error in state', async () => {
    const t = createCallStore({ ttlSeconds: 600 });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await settle();
    t.tokens.script(
      { kind: 'error', error: new Error('Error generating token from endpoint /token: received 503 / Service Unavailable') },
      { kind: 'error', error: new SyntaxError("Unexpected token '<', \"<!DOCTYPE html>\" is not valid JSON") },
      { kind: 'error', error: new TypeError('Failed to fetch') },
    );
    await advance(8 * 60_000);
    expect(t.tokens.fetches).toHaveLength(2);
    expect(t.call().lastError).toMatchObject({ kind: 'network', code: 'token-refresh-failed' });
    expect(t.call().lastError!.message).toContain('503');
    expect(t.call().status).toBe('connected');
    expect(t.actions.find((a) => a.type === callActions.tokenRefreshFailed.type)!.payload).toMatchObject({ failures: 1, retryInMs: 2_000 });
    await advance(1_999);
    expect(t.tokens.fetches).toHaveLength(2);
    await advance(1); // 2nd try after 2 s
    expect(t.tokens.fetches).toHaveLength(3);
    expect(t.call().lastError!.message).toContain('DOCTYPE');
    await advance(4_000); // 3rd after 4 s
    expect(t.tokens.fetches).toHaveLength(4);
    await advance(8_000); // 4th after 8 s succeeds
    expect(t.tokens.fetches).toHaveLength(5);
    expect(t.call().tokenRefreshFailures).toBe(0);
    expect(t.call().tokenExpiresAt).toBe(Date.now() + 600_000);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.rooms.last().state).toBe(ConnectionState.Connected);
  });

  it('a refresh that hangs is timed out and retried', async () => {
    const t = createCallStore({ ttlSeconds: 600, tokenFetchTimeoutMs: 5_000 });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await settle();
    t.tokens.script({ kind: 'hang' });
    await advance(8 * 60_000 + 5_000);
    expect(t.call().lastError).toMatchObject({ kind: 'network', code: 'token-refresh-failed' });
    expect(t.call().lastError!.message).toMatch(/did not answer within 5000 ms/);
    expect(t.call().status).toBe('connected');
  });
});

describe('leave', () => {
  it('disconnects, removes every listener and leaves no timer behind', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await settle();
    const room = t.rooms.last();
    expect(room.listenerCount()).toBeGreaterThan(0);
    t.store.dispatch(callActions.leave());
    await settle();
    expect(room.disconnectCalls).toBe(1);
    expect(room.listenerCount()).toBe(0);
    expect(t.call().status).toBe('disconnected');
    expect(t.controller.getRoom()).toBeUndefined();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leave while connecting cancels the connect and the pending token fetch', async () => {
    const t = createCallStore();
    t.rooms.scriptConnect({ hang: true });
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await settle();
    expect(t.call().status).toBe('connecting');
    t.store.dispatch(callActions.leave());
    await settle();
    expect(t.rooms.last().disconnectCalls).toBe(1);
    expect(t.rooms.last().listenerCount()).toBe(0);
    expect(t.call().status).toBe('disconnected');
    expect(jest.getTimerCount()).toBe(0);

    // and a new join works afterwards
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await settle();
    expect(t.call().status).toBe('connected');
  });

  it('leave while the token source hangs', async () => {
    const t = createCallStore();
    t.tokens.script({ kind: 'hang' });
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await settle();
    t.store.dispatch(callActions.leave());
    await settle();
    expect(t.rooms.rooms).toHaveLength(0);
    expect(t.call().status).toBe('disconnected');
    expect(jest.getTimerCount()).toBe(0);
  });
});
