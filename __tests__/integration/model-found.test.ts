import { ConnectionState } from 'livekit-client';
import { callActions } from '../../src';
import { FakeMediaWorld, makeTestToken } from '../../src/testing';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const payloadOf = <P>(t: { actions: { type: string; payload?: unknown }[] }, type: string) => t.actions.filter((a) => a.type === type).map((a) => a.payload as P);

/** Shrunk counterexamples of the controller model (__tests__/model), kept as plain regressions. */
describe('found by the model-based test', () => {
  it('[join, 12 min pass, sdk Reconnecting, wall clock −1 h, setVideoProfile(stable), setVideoProfile(hd)]: back within minutes, not an hour', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.join({ roomName: 'main', participantName: 'Ann' }));
    await advance(720_000);
    t.rooms.last().simulateReconnecting();
    await settle();
    jest.setSystemTime(Date.now() - 3_600_000);
    t.store.dispatch(callActions.setVideoProfile('stable'));
    await settle();
    t.store.dispatch(callActions.setVideoProfile('hd'));
    await settle();
    const started = t.actions.filter((a) => a.type === 'call/reconnectStarted').map((a) => (a.payload as { delayMs: number }).delayMs);
    expect(Math.max(...started)).toBeLessThanOrEqual(15_000); // the cooldown, not cooldown + 1 h
    await advance(60_000);
    expect(t.call().status).toBe('connected');
    expect(t.controller.getRoom()).toBe(t.rooms.last());
  });

  it('[join, slow disconnect (600 ms), setVideoProfile(stable), sdk gives up]: not "connected" on a Room being let go', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.join({ roomName: 'main', participantName: 'Ann' }));
    await settle();
    const old = t.rooms.last();
    old.disconnectDelayMs = 600;
    t.store.dispatch(callActions.setVideoProfile('stable'));
    await settle();
    expect(t.call().status).toBe('reconnecting');
    old.simulateSdkGiveUp();
    await settle();
    expect(t.call().status).not.toBe('connected');
    t.store.dispatch(callActions.toggleCamera(true)); // only recorded: no SDK call on the Room on its way out
    await advance(5_000);
    expect(old.localParticipant.calls).toEqual([]);
    expect(t.call().status).toBe('connected');
    expect(t.rooms.last().state).toBe(ConnectionState.Connected);
    expect(t.rooms.last().localParticipant.isCameraEnabled).toBe(true);
  });

  it('[join, slow disconnect (600 ms), leave, join, 10 ms] (issue case 1, found again with the old supervisor)', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.join({ roomName: 'main', participantName: 'Ann' }));
    await settle();
    t.rooms.last().disconnectDelayMs = 600;
    t.store.dispatch(callActions.leave());
    t.store.dispatch(callActions.join({ roomName: 'main', participantName: 'Ann' }));
    await advance(10);
    await advance(2_000);
    expect(t.call().status).toBe('connected');
    expect(t.controller.getRoom()).toBe(t.rooms.last());
    expect(t.rooms.rooms.filter((r) => r.state !== ConnectionState.Disconnected)).toEqual([t.rooms.last()]);
  });

  it('[join, next microphone toggle denied (MediaDevicesError, then rethrown), toggle microphone] (issue case 5, found again without the dedupe)', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.join({ roomName: 'main', participantName: 'Ann' }));
    await settle();
    t.rooms.last().localParticipant.scriptToggle('microphone', { error: new DOMException('Permission denied', 'NotAllowedError'), mediaDevicesError: true });
    t.store.dispatch(callActions.toggleMicrophone());
    await advance(30_000);
    expect(t.alerts.reduce((n, a) => n + a.count, 0)).toBe(1);
  });

  it('[token endpoint answers HTML, join, toggle screenShare, 10 ms] (issue case 4b, found again without the re-apply rule)', async () => {
    const t = createCallStore();
    t.tokens.script({ kind: 'error', error: new SyntaxError('Unexpected token \'<\', "<!DOCTYPE html>" is not valid JSON') });
    t.store.dispatch(callActions.join({ roomName: 'main', participantName: 'Ann' }));
    t.store.dispatch(callActions.toggleScreenShare()); // recorded while connecting: no gesture left by the time it connects
    await advance(10);
    await advance(5_000);
    expect(t.call().status).toBe('connected');
    expect(t.rooms.last().localParticipant.calls.filter((c) => c.source === 'screenShare')).toEqual([]);
    expect(t.call().media.screenShare).toMatchObject({ desired: false, blockedReason: 'needs-gesture' });
  });
});

describe('the same clock fault, in the SDK-reconnect watch (fixed alongside)', () => {
  it('a wall clock set back during an SDK restart does not stretch sdkReconnectTimeoutMs by the jump', async () => {
    const t = createCallStore({ sdkReconnectTimeoutMs: 30_000 });
    t.store.dispatch(callActions.join({ roomName: 'main', participantName: 'Ann' }));
    await settle();
    t.rooms.last().simulateReconnecting(); // and never Reconnected
    await advance(5_000);
    jest.setSystemTime(Date.now() - 3_600_000);
    await advance(40_000);
    expect(t.actions.filter((a) => a.type === 'call/reconnectRequested')).toEqual([{ type: 'call/reconnectRequested', payload: { reason: 'sdk-reconnect-timeout' } }]);
    expect(t.call().status).toBe('connected');
    expect(t.rooms.rooms).toHaveLength(2);
  });
});

describe('found by the model-based test: media health', () => {
  it('[toggle camera, join(main, guest), our camera sends nothing (back after: reconnect), token endpoint next: other-identity, 30 s] (issue 21): our camera is ok again after the reconnect', async () => {
    const media = new FakeMediaWorld();
    media.addRemote('bob');
    const t = createCallStore({ media });
    t.store.dispatch(callActions.toggleCamera()); // recorded before the join: the camera comes on with it
    t.store.dispatch(callActions.join({ roomName: 'main', participantName: 'Ann' }));
    await settle();
    expect(t.call().identity).toBe('guest-1');
    media.camera.break('reconnect');
    // The watchdog's reconnect fetches a token for another identity (the app's endpoint changed its mind).
    t.tokens.script({ kind: 'raw', response: { serverUrl: 'wss://livekit.test', participantToken: makeTestToken({ identity: 'mallory', roomName: 'main' }) } });
    await advance(30_000);
    expect(t.count('call/mediaReconnectRequested')).toBe(1);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call()).toMatchObject({ status: 'connected', identity: 'mallory' });
    expect(payloadOf<{ scope: string; by: string }>(t, 'call/mediaRecovered')).toEqual([expect.objectContaining({ scope: 'local', by: 'reconnect' })]);
    expect(t.call().mediaHealth.camera).toMatchObject({ health: 'ok' });
    await advance(5 * 60_000);
    expect(t.call().mediaHealth.camera).toMatchObject({ health: 'ok' });
    expect(t.count('call/mediaReconnectRequested')).toBe(1);
  });
});
