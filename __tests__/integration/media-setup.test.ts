import { DisconnectReason } from 'livekit-client';
import { callActions, selectMediaSource } from '../../src';
import type { FakeLocalTrack } from '../../src/testing';
import { advance, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const blur = { name: 'background-blur' };
const noiseFilter = { name: 'noise-filter' };

/** In a call with camera, microphone and a screen share live, the camera processed. */
async function fullSetup() {
  const t = await createJoinedStore();
  t.store.dispatch(callActions.toggleMicrophone(true));
  await advance(1_000);
  t.store.dispatch(callActions.toggleCamera(true));
  await advance(1_000);
  t.store.dispatch(callActions.toggleScreenShare(true));
  await advance(1_000);
  const p = t.rooms.last().localParticipant;
  const tracks = { camera: p.publicationOf('camera')!.track!, microphone: p.publicationOf('microphone')!.track!, screenShare: p.publicationOf('screenShare')!.track! };
  await tracks.camera.setProcessor(blur);
  await tracks.microphone.setProcessor(noiseFilter);
  return { ...t, tracks };
}

const published = (t: Awaited<ReturnType<typeof fullSetup>>, source: 'camera' | 'microphone' | 'screenShare') => t.rooms.last().localParticipant.publicationOf(source)?.track;

describe('a controlled reconnect keeps the captures', () => {
  const faults: [string, (t: Awaited<ReturnType<typeof fullSetup>>) => void][] = [
    ['forceReconnect', (t) => t.store.dispatch(callActions.forceReconnect({ reason: 'test' }))],
    ['setVideoProfile(stable)', (t) => t.store.dispatch(callActions.setVideoProfile('stable'))],
    ['the SDK gave up (401 on its resume)', (t) => t.rooms.last().simulateSdkGiveUp()],
    ['server-leave (SERVER_SHUTDOWN)', (t) => t.rooms.last().simulateDisconnected(DisconnectReason.SERVER_SHUTDOWN)],
  ];
  it.each(faults)('%s: the same track objects go to the new Room, none stopped, no new capture, processor still on', async (_name, fault) => {
    const t = await fullSetup();
    fault(t);
    await advance(20_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().status).toBe('connected');
    const next = t.rooms.last().localParticipant;
    expect(next.captures).toEqual([]);
    expect(next.calls).toEqual([]); // not a single set*Enabled: nothing was opened again
    for (const source of ['camera', 'microphone', 'screenShare'] as const) {
      expect(published(t, source)).toBe(t.tracks[source]);
      expect(t.tracks[source].stopped).toBe(false);
      expect(selectMediaSource(t.store.getState(), source)).toMatchObject({ desired: true, enabled: true });
    }
    expect(t.tracks.camera.getProcessor()).toBe(blur);
    expect(t.tracks.microphone.getProcessor()).toBe(noiseFilter);
    expect(t.rooms.rooms[0]!.localParticipant.trackPublications.size).toBe(0);
    expect(t.call().media.screenShare.blockedReason).toBeNull();
    expect(t.count(callActions.capturesMoved.type)).toBe(3);
    expect(t.alerts).toEqual([]);
  });

  it('a camera turned off during the reconnect goes over muted: nothing of it is sent, its processor stays for later', async () => {
    const t = await fullSetup();
    t.rooms.last().simulateSdkGiveUp();
    t.store.dispatch(callActions.toggleCamera(false));
    await advance(20_000);
    expect(t.call().status).toBe('connected');
    const camera = published(t, 'camera')!;
    expect(camera).toBe(t.tracks.camera);
    expect(camera.isMuted).toBe(true);
    expect(t.rooms.last().localParticipant.isCameraEnabled).toBe(false);
    expect(camera.getProcessor()).toBe(blur);
    // Turned on again: the same track, restarted with its processor (a capture that was not live).
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(2_000);
    expect(published(t, 'camera')).toBe(t.tracks.camera);
    expect(t.tracks.camera.isMuted).toBe(false);
    expect(t.tracks.camera.getProcessor()).toBe(blur);
  });

  it('a screen share stopped during the reconnect is stopped, not published', async () => {
    const t = await fullSetup();
    t.rooms.last().simulateSdkGiveUp();
    t.store.dispatch(callActions.toggleScreenShare(false));
    await advance(20_000);
    expect(t.call().status).toBe('connected');
    expect(published(t, 'screenShare')).toBeUndefined();
    expect(t.tracks.screenShare.stopped).toBe(true);
  });

  it('a capture that ended is opened again on the chosen device, with the processor it had, before it is published', async () => {
    const t = await fullSetup();
    t.store.dispatch(callActions.selectDevice({ kind: 'videoinput', deviceId: 'cam-2' }));
    await settle();
    t.tracks.camera.end();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(20_000);
    const next = t.rooms.last().localParticipant;
    expect(next.captures).toEqual(['camera']);
    const camera = published(t, 'camera') as FakeLocalTrack;
    expect(camera).not.toBe(t.tracks.camera);
    expect(camera.deviceId).toBe('cam-2');
    expect(camera.getProcessor()).toBe(blur);
    expect(t.tracks.camera.stopped).toBe(true);
  });

  it("the SDK's own full reconnect whose republish failed: the captures it let go of are published again on that Room, not re-captured", async () => {
    const t = await fullSetup();
    const room = t.rooms.last();
    room.simulateReconnecting();
    // livekit-client's republishAllTracks: each track unpublished unstopped, then its publish failed.
    for (const track of [t.tracks.camera, t.tracks.microphone]) await room.localParticipant.unpublishTrack(track, false);
    await settle();
    room.simulateReconnected();
    await advance(5_000);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(published(t, 'camera')).toBe(t.tracks.camera);
    expect(published(t, 'microphone')).toBe(t.tracks.microphone);
    expect(room.localParticipant.captures).toEqual(['microphone', 'camera', 'screenShare']); // the three of the setup only
    expect(t.tracks.camera.getProcessor()).toBe(blur);
  });

  it('leave stops every capture, also those waiting between Rooms', async () => {
    const t = await fullSetup();
    t.rooms.last().simulateSdkGiveUp();
    t.tokens.script({ kind: 'hang' });
    await advance(500);
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    expect(t.call().status).toBe('disconnected');
    for (const track of Object.values(t.tracks)) expect(track.stopped).toBe(true);
  });

  it('an app that unpublishes a track itself still gets it stopped (livekit-client\'s default)', async () => {
    const t = await fullSetup();
    const p = t.rooms.last().localParticipant;
    await p.unpublishTrack(t.tracks.screenShare, undefined);
    await settle();
    expect(t.tracks.screenShare.stopped).toBe(true);
  });
});
