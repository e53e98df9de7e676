import { callActions, classifyCallError, selectMediaSource, selectScreenShareBlockedReason } from '../../src';
import { advance, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const CHROMIUM_NO_GESTURE = 'getDisplayMedia requires transient activation from a user gesture.';
const FIREFOX_NO_GESTURE = 'getDisplayMedia must be called from a user gesture handler.';
const screenCalls = (t: Awaited<ReturnType<typeof createJoinedStore>>, roomIndex: number) =>
  t.rooms.rooms[roomIndex]!.localParticipant.calls.filter((c) => c.source === 'screenShare');

async function sharing() {
  const t = await createJoinedStore();
  t.store.dispatch(callActions.toggleScreenShare(true));
  await advance(1_000);
  expect(selectMediaSource(t.store.getState(), 'screenShare')).toMatchObject({ desired: true, enabled: true });
  return t;
}

describe('screen share is never carried into the next call', () => {
  it('leave, join: the next call does not open the screen picker', async () => {
    const t = await sharing();
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    t.store.dispatch(callActions.join({ roomName: 'next', participantIdentity: 'ann' }));
    await advance(2_000);
    expect(t.call().status).toBe('connected');
    expect(screenCalls(t, 1)).toEqual([]);
    expect(t.call().media.screenShare).toEqual({ desired: false, enabled: false, pending: false, blockedReason: null });
  });

  it('camera and microphone wishes still carry over', async () => {
    const t = await createJoinedStore();
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(1_000);
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    t.store.dispatch(callActions.join({ roomName: 'next' }));
    await advance(2_000);
    expect(t.rooms.last().localParticipant.isCameraEnabled).toBe(true);
  });
});

describe('after a reconnect a screen share is not re-requested without a gesture', () => {
  it('controlled reconnect: a live share is moved to the new Room as it is, without a click', async () => {
    const t = await sharing();
    const share = t.rooms.last().localParticipant.publicationOf('screenShare')!.track!;
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(5_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(screenCalls(t, 1)).toEqual([]);
    expect(t.rooms.last().localParticipant.captures).toEqual([]);
    expect(t.rooms.last().localParticipant.publicationOf('screenShare')!.track).toBe(share);
    expect(t.call().media.screenShare).toMatchObject({ desired: true, enabled: true, blockedReason: null });
  });

  it('controlled reconnect after the share ended: no getDisplayMedia on the new Room; the state says needs-gesture; no alert', async () => {
    const t = await sharing();
    t.rooms.last().localParticipant.publicationOf('screenShare')!.track!.end();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(5_000);
    expect(t.call().status).toBe('connected');
    expect(t.rooms.rooms).toHaveLength(2);
    expect(screenCalls(t, 1)).toEqual([]);
    expect(t.call().media.screenShare).toMatchObject({ desired: false, enabled: false, blockedReason: 'needs-gesture' });
    expect(t.alerts).toEqual([]);

    // The user's click (a gesture) asks again and clears the reason.
    t.store.dispatch(callActions.toggleScreenShare());
    await advance(1_000);
    expect(screenCalls(t, 1)).toEqual([expect.objectContaining({ enabled: true })]);
    expect(selectScreenShareBlockedReason(t.store.getState())).toBeNull();
    expect(t.call().media.screenShare).toMatchObject({ desired: true, enabled: true });
  });

  it('a wish recorded while reconnecting is not started by the controller either', async () => {
    const t = await createJoinedStore();
    t.rooms.last().simulateReconnecting();
    t.store.dispatch(callActions.toggleScreenShare(true));
    t.rooms.last().simulateReconnected();
    await advance(2_000);
    expect(screenCalls(t, 0)).toEqual([]);
    expect(selectScreenShareBlockedReason(t.store.getState())).toBe('needs-gesture');
  });

  it('turning a share off after a reconnect is still applied', async () => {
    const t = await sharing();
    t.rooms.last().simulateReconnecting();
    t.store.dispatch(callActions.toggleScreenShare(false));
    t.rooms.last().simulateReconnected();
    await advance(2_000);
    expect(screenCalls(t, 0).at(-1)).toMatchObject({ enabled: false });
    expect(selectScreenShareBlockedReason(t.store.getState())).toBeNull();
  });
});

describe('getDisplayMedia refusals as the browsers word them', () => {
  it.each([
    ['Chromium', CHROMIUM_NO_GESTURE],
    ['Firefox', FIREFOX_NO_GESTURE],
  ])('%s without a gesture: needs-gesture, no alert, not unknown', async (_browser, text) => {
    const error = new DOMException(text, 'InvalidStateError');
    expect(classifyCallError(error)).toEqual({ kind: 'device', alert: false, severity: 'info' });
    const t = await createJoinedStore();
    t.rooms.last().localParticipant.scriptToggle('screenShare', { error, mediaDevicesError: true });
    t.store.dispatch(callActions.toggleScreenShare(true)); // e.g. from a timer, not a click
    await advance(20_000);
    expect(t.alerts).toEqual([]);
    expect(t.call().media.screenShare).toMatchObject({ desired: false, enabled: false, pending: false, blockedReason: 'needs-gesture' });
  });

  it('the picker cancelled (NotAllowedError "Permission denied"): the user said no; no alert, no reason', async () => {
    const t = await createJoinedStore();
    t.rooms.last().localParticipant.scriptToggle('screenShare', { error: new DOMException('Permission denied', 'NotAllowedError'), mediaDevicesError: true });
    t.store.dispatch(callActions.toggleScreenShare());
    await advance(20_000);
    expect(t.alerts).toEqual([]);
    expect(t.call().media.screenShare).toMatchObject({ desired: false, enabled: false, blockedReason: null });
  });

  it('screen capture blocked by the OS ("Permission denied by system") is one device alert', async () => {
    const t = await createJoinedStore();
    t.rooms.last().localParticipant.scriptToggle('screenShare', { error: new DOMException('Permission denied by system', 'NotAllowedError'), mediaDevicesError: true });
    t.store.dispatch(callActions.toggleScreenShare());
    await settle();
    await advance(20_000);
    expect(t.alerts).toEqual([expect.objectContaining({ kind: 'device', count: 1 })]);
  });

  it('a camera denied with the same text as a dismissed picker still alerts (only a screen share is the user’s no)', async () => {
    const t = await createJoinedStore();
    t.rooms.last().localParticipant.scriptToggle('camera', { error: new DOMException('Permission denied', 'NotAllowedError'), mediaDevicesError: true });
    t.store.dispatch(callActions.toggleCamera());
    await advance(20_000);
    expect(t.alerts).toEqual([expect.objectContaining({ kind: 'device', count: 1 })]);
  });
});
