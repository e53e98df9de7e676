import { callActions, selectRemoteMediaHealth } from '../../src';
import { FakeMediaWorld } from '../../src/testing';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

/** In a call as `ann` with the camera on, `bob` publishing a camera; tokens that outlive the test. */
async function inCall(options: Parameters<typeof createCallStore>[0] = {}) {
  const media = new FakeMediaWorld();
  const bob = media.addRemote('bob');
  const t = createCallStore({ media, ttlSeconds: 24 * 3600, ...options });
  t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann', camera: true }));
  await settle();
  await advance(2_000);
  expect(t.call().status).toBe('connected');
  expect(t.call().media.camera.enabled).toBe(true);
  return { ...t, media, bob };
}

const WATCHDOG_ACTIONS = ['call/mediaStale', 'call/mediaResubscribed', 'call/localTrackRestarted', 'call/mediaReconnectRequested', 'call/mediaRecovered', 'call/mediaHealthForgotten'];
const since = (t: { actions: { type: string }[] }, from: number) => t.actions.slice(from).map((a) => a.type);
const payloadOf = <P>(t: { actions: { type: string; payload?: unknown }[] }, type: string) => t.actions.filter((a) => a.type === type).map((a) => a.payload as P);

describe('media watchdog: healthy calls', () => {
  it('1,000 healthy samples of two tracks put no action at all', async () => {
    const t = await inCall();
    const before = t.actions.length;
    await advance(1_000 * 1_000);
    expect(since(t, before)).toEqual([]);
    expect(t.call().mediaHealth).toEqual({ remote: {}, camera: null });
  });

  it('silence that is expected is not stale: publisher muted, our camera muted, a reconnect in progress', async () => {
    const t = await inCall();
    t.bob.muted = true;
    t.bob.flowing = false;
    t.media.camera.muted = true;
    t.media.camera.flowing = false;
    await advance(30_000);
    t.bob.muted = false;
    t.media.camera.muted = false;
    t.rooms.last().simulateReconnecting();
    await advance(30_000);
    t.bob.flowing = true;
    t.media.camera.flowing = true;
    t.rooms.last().simulateReconnected();
    await advance(30_000);
    expect(t.actionTypes().filter((a) => WATCHDOG_ACTIONS.includes(a))).toEqual([]);
  });

  it('`mediaWatchdog: false` leaves a dead track alone', async () => {
    const t = await inCall({ mediaWatchdog: false });
    t.bob.break('remedy');
    await advance(60_000);
    expect(t.count('call/mediaStale')).toBe(0);
    expect(t.rooms.rooms).toHaveLength(1);
  });
});

describe('media watchdog: a remote video that stopped', () => {
  it('resubscribes after staleMediaMs, and that brings it back: no reconnect', async () => {
    const t = await inCall();
    t.bob.break('remedy');
    await advance(3_000);
    expect(t.count('call/mediaStale')).toBe(0);
    await advance(3_000);
    expect(payloadOf<{ scope: string; identity: string; silentForMs: number }>(t, 'call/mediaStale')).toEqual([expect.objectContaining({ scope: 'remote', identity: 'bob' })]);
    expect(t.media.remoteCamera(t.rooms.last(), 'bob')!.subscriptionCalls).toEqual([false, true]);
    expect(selectRemoteMediaHealth(t.store.getState(), 'bob').health).toBe('recovering');
    await advance(2_000);
    expect(payloadOf<{ by: string }>(t, 'call/mediaRecovered')).toEqual([expect.objectContaining({ identity: 'bob', by: 'resubscribe' })]);
    expect(selectRemoteMediaHealth(t.store.getState(), 'bob').health).toBe('ok');
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.alerts).toEqual([]);
  });

  it('still dead after the resubscribe: one controlled reconnect, and the new Room brings it back', async () => {
    const t = await inCall();
    t.bob.break('reconnect');
    await advance(6_000);
    expect(t.count('call/mediaResubscribed')).toBe(1);
    await advance(9_000);
    expect(t.count('call/mediaReconnectRequested')).toBe(0); // not before the server could grade bob
    await advance(3_000);
    expect(t.count('call/mediaReconnectRequested')).toBe(1);
    expect(payloadOf<{ reason: string }>(t, 'call/reconnectRequested')).toEqual([{ reason: 'media-stale: remote bob' }]);
    await advance(3_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().status).toBe('connected');
    expect(payloadOf<{ by: string }>(t, 'call/mediaRecovered')).toEqual([expect.objectContaining({ identity: 'bob', by: 'reconnect' })]);
    expect(t.call().mediaHealth.remote.bob!.health).toBe('ok');
  });

  it('a stream a reconnect does not bring back (the publisher\'s camera died) does not loop the call: one reconnect, then rare resubscribes', async () => {
    const t = await inCall({ mediaReconnectCooldownMs: 60_000 });
    t.bob.break('never');
    await advance(600_000);
    expect(t.count('call/mediaReconnectRequested')).toBe(1);
    expect(t.rooms.rooms).toHaveLength(2);
    // one after the stale flag, one when the reconnect did not help, then one a minute
    expect(t.count('call/mediaResubscribed')).toBeGreaterThanOrEqual(9);
    expect(t.count('call/mediaResubscribed')).toBeLessThanOrEqual(12);
    expect(t.call().status).toBe('connected');
    expect(t.call().mediaHealth.remote.bob!.health).not.toBe('ok');
  });

  it('a publisher whose own camera died (the server grades it lost) costs us no reconnect', async () => {
    const t = await inCall();
    t.bob.break('never');
    t.bob.quality = 'lost';
    await advance(120_000);
    expect(t.count('call/mediaStale')).toBe(1);
    expect(t.count('call/mediaReconnectRequested')).toBe(0);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.count('call/mediaResubscribed')).toBeGreaterThanOrEqual(2);
    t.bob.quality = 'good';
    t.bob.flowing = true;
    await advance(62_000);
    expect(payloadOf<{ by: string }>(t, 'call/mediaRecovered')).toEqual([expect.objectContaining({ identity: 'bob', by: 'resubscribe' })]);
  });

  it('another remote camera decoding fine: the silent one is resubscribed but costs no reconnect', async () => {
    const t = await inCall();
    t.media.addRemote('carol');
    t.store.dispatch(callActions.forceReconnect({ reason: 'carol joins' })); // a Room that has carol
    await advance(3_000);
    t.bob.break('reconnect');
    await advance(90_000);
    expect(t.count('call/mediaStale')).toBe(1);
    expect(t.count('call/mediaResubscribed')).toBeGreaterThanOrEqual(2);
    expect(t.count('call/mediaReconnectRequested')).toBe(0);
    expect(t.rooms.rooms).toHaveLength(2);
  });

  it('a participant that leaves while flagged is forgotten', async () => {
    const t = await inCall();
    t.bob.break('never');
    await advance(6_000);
    expect(t.call().mediaHealth.remote.bob).toBeDefined();
    (t.rooms.last() as unknown as { remoteParticipants: Map<string, unknown> }).remoteParticipants.delete('bob');
    await advance(2_000);
    expect(t.count('call/mediaHealthForgotten')).toBe(0); // a reconnect may bring it back: staleMediaMs of grace
    await advance(3_000);
    expect(t.count('call/mediaHealthForgotten')).toBe(1);
    expect(t.call().mediaHealth.remote).toEqual({});
  });

  it('our camera flagged and then turned off: its entry goes', async () => {
    const t = await inCall();
    t.media.camera.break('never');
    await advance(6_000);
    expect(t.call().mediaHealth.camera).not.toBeNull();
    t.store.dispatch(callActions.toggleCamera(false));
    await advance(6_000);
    expect(t.call().mediaHealth.camera).toBeNull();
  });
});

describe('media watchdog: our own camera sends nothing', () => {
  it('restarts the track first, and that brings it back', async () => {
    const t = await inCall();
    t.media.camera.break('remedy');
    await advance(6_000);
    expect(payloadOf<{ scope: string }>(t, 'call/mediaStale')).toEqual([expect.objectContaining({ scope: 'local', identity: 'ann' })]);
    expect(t.count('call/localTrackRestarted')).toBe(1);
    await advance(2_000);
    expect(payloadOf<{ by: string }>(t, 'call/mediaRecovered')).toEqual([expect.objectContaining({ scope: 'local', by: 'restart' })]);
    expect(t.call().mediaHealth.camera!.health).toBe('ok');
    expect(t.rooms.rooms).toHaveLength(1);
  });

  it('a restart that fails is recorded (typed, no alert) and the call reconnects', async () => {
    const t = await inCall();
    t.media.camera.break('reconnect');
    t.media.camera.restartError = Object.assign(new Error('Could not start video source'), { name: 'NotReadableError' });
    await advance(6_000);
    expect(t.call().lastError).toEqual(expect.objectContaining({ kind: 'device', message: 'Could not start video source' }));
    expect(t.count('call/localTrackRestarted')).toBe(0);
    await advance(8_000);
    expect(t.count('call/mediaReconnectRequested')).toBe(1);
    expect(t.rooms.rooms).toHaveLength(2);
    await advance(3_000);
    expect(payloadOf<{ by: string }>(t, 'call/mediaRecovered')).toEqual([expect.objectContaining({ scope: 'local', by: 'reconnect' })]);
    expect(t.call().mediaHealth.camera!.health).toBe('ok');
    expect(t.alerts).toEqual([]);
  });

  it('a hidden page is not sampled: no verdict until it is visible again for staleMediaMs', async () => {
    const t = await inCall();
    const doc = { visibilityState: 'hidden' };
    (globalThis as { document?: unknown }).document = doc;
    try {
      t.bob.break('remedy');
      await advance(60_000);
      expect(t.count('call/mediaStale')).toBe(0);
      doc.visibilityState = 'visible';
      await advance(3_000);
      expect(t.count('call/mediaStale')).toBe(0);
      await advance(3_000);
      expect(t.count('call/mediaStale')).toBe(1);
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
  });

  it('leave stops sampling: no timers, no Rooms', async () => {
    const t = await inCall();
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    expect(jest.getTimerCount()).toBe(0);
  });
});
