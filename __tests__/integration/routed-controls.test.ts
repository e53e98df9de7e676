import { Track } from 'livekit-client';
import { callActions, CallToggleError } from '../../src';
import { advance, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const SETTLE_MS = 700;
const calls = (t: Awaited<ReturnType<typeof createJoinedStore>>) => t.rooms.last().localParticipant.calls.map((c) => [c.source, c.enabled]);

/** Records how a promise settled, without awaiting it. */
function watch<T>(promise: Promise<T>) {
  const seen: { value?: T; error?: unknown; settled: boolean; at?: number } = { settled: false };
  promise.then(
    (value) => Object.assign(seen, { value, settled: true, at: Date.now() }),
    (error: unknown) => Object.assign(seen, { error, settled: true, at: Date.now() }),
  );
  return seen;
}

describe('app code calling the SDK on the controller Room takes the toggle path', () => {
  it('set*Enabled while a toggle of that source is in flight: the last wish wins, every promise settles once it is published', async () => {
    const t = await createJoinedStore();
    const participant = t.rooms.last().localParticipant;
    participant.defaultDelayMs = 300;
    const started = Date.now();
    const a = watch(participant.setCameraEnabled(true));
    const b = watch(participant.setCameraEnabled(false));
    const c = watch(participant.setCameraEnabled(true));
    const d = watch(participant.setCameraEnabled(false));
    await settle();
    expect(calls(t)).toEqual([['camera', true]]); // one at a time
    await advance(300 + SETTLE_MS);
    await settle();
    expect([a, b, c, d].some((s) => s.settled)).toBe(false); // the final wish (off) is not live yet
    expect(calls(t)).toEqual([['camera', true], ['camera', false]]);
    await advance(300 + SETTLE_MS);
    await settle();
    expect([a, b, c, d].map((s) => s.settled)).toEqual([true, true, true, true]);
    expect(a.at).toBe(started + 2 * (300 + SETTLE_MS));
    expect(participant.isCameraEnabled).toBe(false);
    expect(t.call().media.camera).toMatchObject({ desired: false, enabled: false, pending: false });
    expect(participant.maxConcurrent).toBe(1);
    // They resolve with what livekit-client resolves with: the source's publication.
    expect(a.value).toBe(participant.getTrackPublication(Track.Source.Camera));
    expect(a.value).toBeDefined();
  });

  it('a device error rejects with CallToggleError (kind and code of lastError); a wish that got through resolves', async () => {
    const t = await createJoinedStore();
    const participant = t.rooms.last().localParticipant;
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    participant.scriptToggle('microphone', { error: denied, mediaDevicesError: true });
    const failed = watch(participant.setMicrophoneEnabled(true));
    await advance(SETTLE_MS);
    await settle();
    expect(failed.error).toBeInstanceOf(CallToggleError);
    expect(failed.error).toMatchObject({ name: 'CallToggleError', source: 'microphone', kind: 'device', code: 'toggle-failed', message: 'Permission denied' });
    expect(t.call().lastError).toMatchObject({ kind: 'device', code: 'toggle-failed' });

    const ok = watch(participant.setMicrophoneEnabled(true));
    await advance(SETTLE_MS);
    await settle();
    expect(ok.settled).toBe(true);
    expect(ok.error).toBeUndefined();
    expect(participant.isMicrophoneEnabled).toBe(true);
  });

  it('a wish made while the SDK reconnects is recorded at once and applied after Reconnected; a screen share counts as the gesture', async () => {
    const t = await createJoinedStore();
    const room = t.rooms.last();
    room.simulateReconnecting();
    await settle();
    const share = watch(room.localParticipant.setScreenShareEnabled(true, { audio: true }));
    const mic = watch(room.localParticipant.setMicrophoneEnabled(true));
    await settle();
    expect(room.localParticipant.calls).toEqual([]);
    expect(t.call().media).toMatchObject({ screenShare: { desired: true }, microphone: { desired: true } });

    room.simulateReconnected();
    await advance(3 * SETTLE_MS);
    await settle();
    expect(calls(t).sort()).toEqual([['microphone', true], ['screenShare', true]]);
    expect(room.localParticipant.calls.find((c) => c.source === 'screenShare')?.args).toEqual([{ audio: true }]);
    expect(t.call().media.screenShare).toMatchObject({ desired: true, enabled: true, blockedReason: null });
    expect(share.settled && mic.settled).toBe(true);
  });

  it("the controller's own SDK calls use the Room's methods: a toggle action is one SDK call, not a loop", async () => {
    const t = await createJoinedStore();
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(SETTLE_MS);
    expect(calls(t)).toEqual([['camera', true]]);
    expect(t.count(callActions.toggleCamera.type)).toBe(1);
  });
});

describe('room.disconnect() on the controller Room is a leave', () => {
  it('by app code: leave dispatched, token refresh stopped at once, no reconnect; the promise settles with the Room disconnected', async () => {
    const t = await createJoinedStore({ ttlSeconds: 600 });
    const room = t.rooms.last();
    const fetches = t.tokens.fetches.length;
    const done = watch(room.disconnect());
    expect(t.actionTypes()).toContain(callActions.leave.type);
    expect(t.call()).toMatchObject({ status: 'disconnected', disconnectReason: 'CLIENT_INITIATED' });
    await settle();
    expect(done.settled).toBe(true);
    expect(room.state).toBe('disconnected');
    await advance(20 * 60_000);
    expect(t.tokens.fetches).toHaveLength(fetches);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.count(callActions.connected.type)).toBe(1);
  });

  it("the controller's own disconnect of a Room it replaces does not end the call; the replaced Room gets its own methods back", async () => {
    const t = await createJoinedStore();
    const first = t.rooms.last();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(2_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().status).toBe('connected');
    expect(t.count(callActions.leave.type)).toBe(0);
    expect(first.disconnectCalls).toBe(1);
    for (const method of ['setCameraEnabled', 'setMicrophoneEnabled', 'setScreenShareEnabled']) {
      expect(Object.prototype.hasOwnProperty.call(first.localParticipant, method)).toBe(false);
      expect(Object.prototype.hasOwnProperty.call(t.rooms.last().localParticipant, method)).toBe(true);
    }
    expect(Object.prototype.hasOwnProperty.call(first, 'disconnect')).toBe(false);
  });
});
