import { NegotiationError, UnexpectedConnectionState } from 'livekit-client';
import { callActions, selectCanToggle, selectMediaSource } from '../../src';
import { advance, createCallStore, settle, useFakeCallClock, createJoinedStore } from '../helpers/call-store';

useFakeCallClock();

const joined = createJoinedStore;

const deviceError = (name: string) => new DOMException(`Requested device ${name}`, name);

describe('serialized toggles', () => {
  it('a burst of ten clicks → at most one SDK call in flight per source', async () => {
    const t = await joined();
    const participant = t.rooms.last().localParticipant;
    participant.defaultDelayMs = 200;
    for (let i = 0; i < 10; i++) {
      t.store.dispatch(callActions.toggleCamera());
      t.store.dispatch(callActions.toggleMicrophone());
      await advance(50);
    }
    await advance(5_000);
    expect(participant.maxConcurrent).toBe(1);
    expect(participant.calls.every((c) => c.concurrent === 0)).toBe(true);
    // 10 clicks 50 ms apart over 500 ms: the first takes the lock (200 ms call + 700 ms settle), the rest are dropped.
    expect(participant.calls.filter((c) => c.source === 'camera')).toHaveLength(1);
    expect(selectMediaSource(t.store.getState(), 'camera')).toEqual({ desired: true, enabled: true, pending: false });
  });

  it('the source stays locked until the SDK call settles plus toggleSettleMs', async () => {
    const t = await joined({ toggleSettleMs: 700 });
    const participant = t.rooms.last().localParticipant;
    participant.defaultDelayMs = 100;
    t.store.dispatch(callActions.toggleCamera());
    await settle();
    expect(selectCanToggle(t.store.getState(), 'camera')).toBe(false);
    expect(selectCanToggle(t.store.getState(), 'microphone')).toBe(true);
    await advance(100);
    expect(selectMediaSource(t.store.getState(), 'camera')).toEqual({ desired: true, enabled: true, pending: true });
    await advance(699);
    expect(selectCanToggle(t.store.getState(), 'camera')).toBe(false);
    await advance(1);
    expect(selectCanToggle(t.store.getState(), 'camera')).toBe(true);
  });

  it('with no payload the next state comes from the live participant, not from state', async () => {
    const t = await joined();
    const participant = t.rooms.last().localParticipant;
    participant.forceEnabled('camera', true); // e.g. the SDK re-published on its own
    // state may lag; the toggle must read the live value
    t.store.dispatch(callActions.toggleCamera());
    await advance(1_000);
    expect(participant.calls).toEqual([expect.objectContaining({ source: 'camera', enabled: false })]);
    expect(selectMediaSource(t.store.getState(), 'camera')).toMatchObject({ desired: false, enabled: false });
  });

  it('an explicit wanted state equal to the live one makes no SDK call', async () => {
    const t = await joined();
    t.store.dispatch(callActions.toggleMicrophone(false));
    await advance(1_000);
    expect(t.rooms.last().localParticipant.calls).toHaveLength(0);
  });
});

describe('toggles before join and during reconnect', () => {
  it('toggles before join change desired only; join applies them once connected', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.toggleCamera());
    t.store.dispatch(callActions.toggleMicrophone(true));
    expect(selectMediaSource(t.store.getState(), 'camera')).toEqual({ desired: true, enabled: false, pending: false });
    expect(t.rooms.rooms).toHaveLength(0);
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await advance(5_000);
    const calls = t.rooms.last().localParticipant.calls.map((c) => [c.source, c.enabled]);
    expect(calls).toEqual([
      ['microphone', true],
      ['camera', true],
    ]);
  });

  it('join payload camera/microphone set the wish', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.join({ roomName: 'r', camera: true, microphone: false }));
    await advance(5_000);
    expect(t.rooms.last().localParticipant.isCameraEnabled).toBe(true);
    expect(t.rooms.last().localParticipant.isMicrophoneEnabled).toBe(false);
  });

  it('while reconnecting no toggle touches the Room; the last intent wins and is re-applied with the gap', async () => {
    const t = await joined({ reapplyGapMs: 300, toggleSettleMs: 700 });
    const room = t.rooms.last();
    const participant = room.localParticipant;
    room.simulateReconnecting();
    await settle();
    for (let i = 0; i < 7; i++) t.store.dispatch(callActions.toggleCamera()); // odd count: on
    t.store.dispatch(callActions.toggleMicrophone(true));
    t.store.dispatch(callActions.toggleScreenShare(true));
    t.store.dispatch(callActions.toggleScreenShare(false)); // last click wins: off
    await advance(10_000);
    expect(participant.calls).toHaveLength(0);
    expect(selectCanToggle(t.store.getState(), 'camera')).toBe(false);

    room.simulateReconnected();
    await settle();
    expect(participant.calls.map((c) => [c.source, c.enabled])).toEqual([['microphone', true]]);
    await advance(299);
    expect(participant.calls).toHaveLength(1);
    await advance(1);
    expect(participant.calls.map((c) => [c.source, c.enabled])).toEqual([
      ['microphone', true],
      ['camera', true],
    ]);
    expect(participant.calls[1]!.at - participant.calls[0]!.at).toBe(300);
    await advance(5_000);
    expect(participant.calls).toHaveLength(2); // screen share already matches: untouched
  });

  it('after a controlled reconnect the live camera is moved to the new Room: no new capture, no SDK toggle', async () => {
    const t = await joined();
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(1_000);
    const camera = t.rooms.last().localParticipant.publicationOf('camera')!.track!;
    t.rooms.last().simulateSdkGiveUp();
    await advance(2_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.rooms.last().localParticipant.calls).toEqual([]);
    expect(t.rooms.last().localParticipant.captures).toEqual([]);
    expect(t.rooms.last().localParticipant.publicationOf('camera')!.track).toBe(camera);
    expect(camera.stopped).toBe(false);
    expect(selectMediaSource(t.store.getState(), 'camera')).toMatchObject({ desired: true, enabled: true });
  });

  it('after a controlled reconnect a camera whose capture ended is opened again on the new Room', async () => {
    const t = await joined();
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(1_000);
    t.rooms.last().localParticipant.publicationOf('camera')!.track!.end();
    t.rooms.last().simulateSdkGiveUp();
    await advance(2_000);
    expect(t.rooms).toBeDefined();
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.rooms.last().localParticipant.calls.map((c) => [c.source, c.enabled])).toEqual([['camera', true]]);
    expect(selectMediaSource(t.store.getState(), 'camera')).toMatchObject({ desired: true, enabled: true });
  });
});

describe('toggle failures', () => {
  it.each(['NotAllowedError', 'NotFoundError', 'NotReadableError'])('%s leaves desired = enabled = reality, a device error, an alert, and the call up', async (name) => {
    const t = await joined();
    t.rooms.last().localParticipant.scriptToggle('camera', { error: deviceError(name) });
    t.store.dispatch(callActions.toggleCamera());
    await advance(1_000);
    expect(selectMediaSource(t.store.getState(), 'camera')).toEqual({ desired: false, enabled: false, pending: false });
    expect(t.call().lastError).toMatchObject({ kind: 'device', code: 'toggle-failed' });
    expect(t.call().status).toBe('connected');
    await advance(30_000);
    expect(t.alerts.filter((a) => a.kind === 'device')).toHaveLength(1);
  });

  it.each([
    ['the Room closed under the SDK’s publish retry', new Error('engine closed before restart completed')],
    ['the SDK could not publish while reconnecting', new UnexpectedConnectionState('cannot publish track when not connected')],
  ])('a toggle cut short by the connection (%s) keeps the wish, raises nothing, and is re-applied after the reconnect', async (_name, error) => {
    const t = await joined();
    t.rooms.last().localParticipant.scriptToggle('camera', { error });
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(1_000);
    expect(selectMediaSource(t.store.getState(), 'camera')).toMatchObject({ desired: true, enabled: false, pending: false });
    expect(t.call().lastError).toBeNull();
    t.rooms.last().simulateSdkGiveUp();
    await advance(2_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.rooms.last().localParticipant.isCameraEnabled).toBe(true);
    expect(selectMediaSource(t.store.getState(), 'camera')).toMatchObject({ desired: true, enabled: true });
    expect(t.alerts).toHaveLength(0);
  });

  it('a NegotiationError from a toggle is counted, not retried, and the wish is kept for after the SDK reconnects', async () => {
    const t = await joined();
    const room = t.rooms.last();
    room.localParticipant.scriptToggle('camera', { error: new NegotiationError('negotiation timed out') });
    t.store.dispatch(callActions.toggleCamera());
    await advance(1_000);
    expect(room.localParticipant.calls).toHaveLength(1);
    expect(t.call().negotiationErrors).toHaveLength(1);
    expect(selectMediaSource(t.store.getState(), 'camera')).toMatchObject({ desired: true, enabled: false });
    room.simulateReconnecting();
    room.simulateReconnected();
    await advance(1_000);
    expect(room.localParticipant.calls).toHaveLength(2);
    expect(room.localParticipant.isCameraEnabled).toBe(true);
    expect(t.alerts).toHaveLength(0);
  });
});
