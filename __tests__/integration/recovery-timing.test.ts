import { ConnectionError, DisconnectReason, EngineEvent, TokenSource, type RoomOptions } from 'livekit-client';
import { callActions, selectReconnectAttempts } from '../../src';
import { FastReconnectPolicy } from '../../src/connection/sdk-reconnect-policy';
import { makeTestToken } from '../../src/testing';
import { advance, createCallStore, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

// Jitter at its midpoint: 250 ms, 500 ms, 1 s, 2 s, 3 s between unreachable retries.
beforeEach(() => {
  jest.spyOn(Math, 'random').mockReturnValue(0.5);
});

const unreachable = () => ({ error: ConnectionError.serverUnreachable('could not establish signal connection') });

describe('never drop a working call to wait', () => {
  it('a forced reconnect that must wait keeps the connected Room until the moment it replaces it; duplicates coalesce', async () => {
    const t = await createJoinedStore({ reconnectCooldownMs: 15_000 });
    t.store.dispatch(callActions.forceReconnect({ reason: 'one' }));
    await settle();
    t.store.dispatch(callActions.forceReconnect({ reason: 'two' }));
    await settle();
    const working = t.rooms.last();
    expect(t.rooms.rooms).toHaveLength(3);
    // the third in a row must wait out the cooldown; a duplicate arrives meanwhile
    t.store.dispatch(callActions.forceReconnect({ reason: 'three' }));
    t.store.dispatch(callActions.forceReconnect({ reason: 'three again' }));
    await advance(14_000);
    expect(t.call().status).toBe('connected');
    expect(t.controller.getRoom()).toBe(working);
    expect(working.state).toBe('connected');
    expect(working.disconnectCalls).toBe(0);
    // the call still works meanwhile: a toggle reaches the live Room
    t.store.dispatch(callActions.toggleMicrophone(true));
    await settle();
    expect(working.localParticipant.isMicrophoneEnabled).toBe(true);
    await advance(1_000);
    expect(t.rooms.rooms).toHaveLength(4);
    expect(working.disconnectCalls).toBe(1);
    expect(t.call().status).toBe('connected');
    await advance(120_000);
    expect(t.rooms.rooms).toHaveLength(4); // 'three again' was folded into 'three'
    expect(t.count(callActions.reconnectScheduled.type)).toBe(3);
  });

  it('two server-leaves a few seconds apart: both come back at once', async () => {
    const t = await createJoinedStore();
    t.rooms.last().simulateDisconnected(DisconnectReason.SERVER_SHUTDOWN);
    await settle();
    await advance(3_000);
    t.rooms.last().simulateDisconnected(DisconnectReason.SERVER_SHUTDOWN);
    await settle();
    expect(t.rooms.rooms).toHaveLength(3);
    expect(t.call().status).toBe('connected');
    expect(selectReconnectAttempts(t.store.getState())).toBe(2);
  });

  it('a forced reconnect keeps the working Room while the token endpoint fails, and replaces it once it answers', async () => {
    const t = await createJoinedStore();
    const working = t.rooms.last();
    const down = new Error('Error generating token from endpoint /t: received 503 / down');
    t.tokens.script({ kind: 'error', error: down }, { kind: 'error', error: down });
    t.store.dispatch(callActions.forceReconnect({ reason: 'profile' }));
    await advance(700);
    expect(t.controller.getRoom()).toBe(working);
    expect(working.disconnectCalls).toBe(0);
    await advance(500);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().status).toBe('connected');
  });

  it('a forced reconnect of a working call never fails it for want of a token: the Room carries on until one comes', async () => {
    const t = await createJoinedStore({ reconnectGiveUpMs: 60_000 });
    const working = t.rooms.last();
    const down = new Error('Error generating token from endpoint /t: received 503 / down');
    // about 7 min of a failing endpoint at one try per ~3 s, far past reconnectGiveUpMs
    t.tokens.script(...Array.from({ length: 140 }, () => ({ kind: 'error' as const, error: down })));
    t.store.dispatch(callActions.setVideoProfile('stable'));
    await advance(5 * 60_000);
    expect(t.call().status).toBe('connected');
    expect(t.controller.getRoom()).toBe(working);
    expect(working.disconnectCalls).toBe(0);
    await advance(5 * 60_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.rooms.last().options.publishDefaults?.videoCodec).toBe('vp8');
    expect(t.call().status).toBe('connected');
  });
});

describe('could not reach vs reached and failed', () => {
  it('a server that does not answer is retried on the short schedule, as one attempt', async () => {
    const t = await createJoinedStore();
    t.rooms.scriptConnect(unreachable(), unreachable(), unreachable());
    t.rooms.last().simulateSdkGiveUp();
    await advance(250 + 500 + 1_000 - 1);
    expect(t.call().status).toBe('reconnecting');
    await advance(1);
    expect(t.call().status).toBe('connected');
    expect(t.rooms.rooms).toHaveLength(5);
    expect(selectReconnectAttempts(t.store.getState())).toBe(1);
    expect(t.count(callActions.reconnectRetryScheduled.type)).toBe(3);
  });

  it('the browser going online (or the page visible) cuts the wait short', async () => {
    const t = await createJoinedStore();
    t.rooms.scriptConnect(unreachable(), unreachable(), unreachable(), unreachable(), unreachable());
    t.rooms.last().simulateSdkGiveUp();
    await advance(250 + 500 + 1_000 + 2_000 + 100); // now inside the 3 s wait
    expect(t.call().status).toBe('reconnecting');
    t.store.dispatch(callActions.tokenCheckRequested({ cause: 'online' }));
    await settle();
    expect(t.call().status).toBe('connected');
  });

  it('with a reachability probe, a connect waits for the server to answer, then goes at once', async () => {
    let up = false;
    const probe = jest.fn(async () => up);
    const t = await createJoinedStore({ reachabilityProbe: probe });
    t.rooms.scriptConnect(unreachable());
    t.rooms.last().simulateSdkGiveUp();
    await settle();
    expect(t.rooms.rooms).toHaveLength(2); // one failed connect
    await advance(9_000);
    // no WebSocket thrown at a server that does not answer: the probe (a HEAD) asks instead
    expect(t.rooms.rooms).toHaveLength(2);
    expect(probe.mock.calls.length).toBeGreaterThanOrEqual(15);
    up = true;
    await advance(500);
    expect(t.rooms.rooms).toHaveLength(3);
    expect(t.call().status).toBe('connected');
  });

  it('with a probe that never sees the server, a connect is still tried every 10 s', async () => {
    const t = await createJoinedStore({ reachabilityProbe: async () => false });
    t.rooms.scriptConnect(unreachable(), unreachable());
    t.rooms.last().simulateSdkGiveUp();
    await advance(10_000);
    expect(t.rooms.rooms).toHaveLength(3);
    await advance(10_000);
    expect(t.call().status).toBe('connected');
  });


  it('trying to reach nobody ends, after reconnectGiveUpMs, in failed with a typed reason and one alert', async () => {
    const t = await createJoinedStore({ reconnectGiveUpMs: 20_000 });
    t.rooms.scriptConnect(...Array.from({ length: 100 }, unreachable));
    t.rooms.last().simulateSdkGiveUp();
    await advance(19_000);
    expect(t.call().status).toBe('reconnecting');
    await advance(5_000);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ code: 'reconnect-timeout', kind: 'network' });
    expect(t.rooms.rooms.length).toBeLessThan(14); // ≤ one try per 3 s after the first second
    expect(t.alerts).toHaveLength(1);
    expect(t.rooms.leaks().liveRooms).toBe(0);
  });
});

describe('time from the call clock, not the wall clock', () => {
  it('a wall clock stepped back 30 min does not stretch the next forced reconnect', async () => {
    const t = await createJoinedStore({ reconnectCooldownMs: 15_000 });
    t.store.dispatch(callActions.forceReconnect({ reason: 'one' }));
    t.store.dispatch(callActions.forceReconnect({ reason: 'two' }));
    await settle();
    t.store.dispatch(callActions.forceReconnect({ reason: 'two' }));
    await settle();
    jest.setSystemTime(Date.now() - 30 * 60_000); // NTP steps the clock back
    t.store.dispatch(callActions.forceReconnect({ reason: 'three' }));
    await advance(15_000);
    expect(t.rooms.rooms).toHaveLength(4);
    expect(t.call().status).toBe('connected');
  });

  it('a browser clock 11 min ahead of the token server: joins, and refreshes a 10-min token on its own schedule', async () => {
    const mint = jest.fn((identity: string) => makeTestToken({ identity, ttlSeconds: 600, now: Date.now() - 11 * 60_000 }));
    const tokenSource = TokenSource.custom(async (options) => ({ serverUrl: 'wss://livekit.test', participantToken: mint(options.participantIdentity ?? 'ann') }));
    const t = createCallStore({ tokenSource });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await settle();
    expect(t.call().status).toBe('connected');
    expect(t.call().lastError).toBeNull();
    await advance(10 * 60_000);
    // refreshed 2 min before its end (8 min after receipt), not once a second
    expect(mint).toHaveBeenCalledTimes(2);
  });

  it('a refresh that hangs does not hold up the reconnect after the SDK gives up', async () => {
    const t = await createJoinedStore({ tokenFetchTimeoutMs: 10_000 });
    t.tokens.script({ kind: 'hang' });
    await advance(8 * 60_000 + 1_000); // the refresh is due at 8 min and hangs
    expect(t.tokens.fetches).toHaveLength(2);
    t.rooms.last().simulateSdkGiveUp();
    await advance(100);
    expect(t.tokens.fetches).toHaveLength(3);
    expect(t.call().status).toBe('connected');
    expect(t.rooms.rooms).toHaveLength(2);
  });
});

describe('faster SDK resumes and media re-apply', () => {
  it('a resume whose signal is back gets the wish re-applied then, not 2 s later at Reconnected; once', async () => {
    const t = await createJoinedStore();
    const room = t.rooms.last();
    room.simulateSignalReconnecting();
    await settle();
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(3_000);
    room.engine.emit(EngineEvent.SignalResumed);
    await settle();
    expect(t.call().status).toBe('reconnecting'); // media paths are still restarting
    expect(room.localParticipant.calls.map((c) => [c.source, c.enabled])).toEqual([['camera', true]]);
    await advance(2_000);
    room.simulateReconnected();
    await advance(1_000);
    expect(t.call().status).toBe('connected');
    expect(room.localParticipant.calls).toHaveLength(1);
    expect(t.call().media.camera).toMatchObject({ desired: true, enabled: true });
  });

  it('every Room gets the fast reconnect policy unless the app sets one', async () => {
    const t = await createJoinedStore();
    const policy = t.rooms.last().options.reconnectPolicy;
    expect(policy).toBeInstanceOf(FastReconnectPolicy);
    expect((policy as FastReconnectPolicy).budgetMs).toBe(30_000);
    const own = { nextRetryDelayInMs: () => null };
    const mine = await createJoinedStore({ reconnectPolicy: own });
    expect(mine.rooms.last().options.reconnectPolicy).toBe(own);
    const perProfile = { nextRetryDelayInMs: () => 5 };
    const profiled = await createJoinedStore({ reconnectPolicy: own, videoProfiles: { hd: { reconnectPolicy: perProfile } as RoomOptions } });
    expect(profiled.rooms.last().options.reconnectPolicy).toBe(perProfile);
  });

  it('after Reconnected only what differs is re-applied, one source at a time, with no fixed gap', async () => {
    const t = await createJoinedStore();
    const room = t.rooms.last();
    room.simulateSignalReconnecting();
    await settle();
    t.store.dispatch(callActions.toggleMicrophone(true));
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(2_000);
    const resumedAt = Date.now();
    room.simulateReconnected();
    await settle();
    const calls = room.localParticipant.calls;
    expect(calls.map((c) => [c.source, c.enabled, c.at - resumedAt])).toEqual([
      ['microphone', true, 0],
      ['camera', true, 0],
    ]);
    expect(calls.every((c) => c.concurrent === 0)).toBe(true);
  });
});
