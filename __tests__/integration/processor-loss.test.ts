import { callActions, selectLostProcessors, selectMediaSource } from '../../src';
import type { FakeLocalTrack, FakeRoom } from '../../src/testing';
import { advance, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

/** A processor whose `init` fails while `broken` (a background blur whose model cannot load again). */
function breakableProcessor(name: string) {
  const processor = {
    name,
    broken: false,
    inits: 0,
    init: jest.fn(async () => {
      processor.inits += 1;
      if (processor.broken) throw new Error(`${name}: WebGL context lost`);
    }),
  };
  return processor;
}

/** Every track the new Room published, with the processor it had at that moment (what the SFU got first). */
function recordPublishes(room: FakeRoom) {
  const seen: { source: string; processor: unknown }[] = [];
  const p = room.localParticipant;
  const own = p.publishTrack.bind(p);
  p.publishTrack = (track: FakeLocalTrack, options?: { source?: string }) => {
    seen.push({ source: options?.source ?? track.source, processor: track.getProcessor() });
    return own(track, options);
  };
  return seen;
}

async function processedCall() {
  const t = await createJoinedStore();
  const blur = breakableProcessor('background-blur');
  t.store.dispatch(callActions.toggleMicrophone(true));
  await advance(1_000);
  t.store.dispatch(callActions.toggleCamera(true));
  await advance(1_000);
  const camera = t.rooms.last().localParticipant.publicationOf('camera')!.track!;
  await camera.setProcessor(blur);
  return { ...t, blur, camera };
}

/** The camera capture ends, its processor cannot start again, and a controlled reconnect follows. */
async function loseTheBlur() {
  const t = await processedCall();
  t.blur.broken = true;
  t.camera.end();
  const created = t.rooms.rooms.length;
  t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
  await advance(100);
  const next = t.rooms.last();
  expect(t.rooms.rooms.length).toBe(created + 1);
  const published = recordPublishes(next);
  await advance(20_000);
  return { ...t, next, published };
}

const cameraOf = (room: FakeRoom) => room.localParticipant.publicationOf('camera')?.track;

describe('a processor the library cannot keep', () => {
  it('an ended capture whose processor fails to start again: nothing of the camera is published, its new capture is stopped, and the state says so', async () => {
    const t = await loseTheBlur();
    expect(t.call().status).toBe('connected');
    expect(cameraOf(t.next)).toBeUndefined();
    expect(t.published.filter((p) => p.source === 'camera')).toEqual([]);
    // The capture opened for it was stopped at once (no camera light, no leaked getUserMedia).
    const opened = t.next.localParticipant.tracks.filter((track) => track.source === 'camera');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.stopped).toBe(true);
    expect(selectLostProcessors(t.store.getState())).toEqual({ camera: { name: 'background-blur', message: expect.stringContaining('WebGL context lost'), at: expect.any(Number) } });
    // The user still wants the camera: it is held back, not failed.
    expect(selectMediaSource(t.store.getState(), 'camera')).toMatchObject({ desired: true, enabled: false, pending: false });
    expect(t.call().lastError).toBeNull();
    expect(t.alerts).toEqual([]);
    expect(t.logger.lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    // The microphone is not held back for the camera's processor.
    expect(t.next.localParticipant.isMicrophoneEnabled).toBe(true);
  });

  it("the app's new processor through setCameraEnabled(true, { processor }) brings the camera back, processed from its first frame", async () => {
    const t = await loseTheBlur();
    const fresh = breakableProcessor('background-blur-2');
    const answer = t.next.localParticipant.setCameraEnabled(true, { processor: fresh });
    await advance(2_000);
    await expect(answer).resolves.toBeDefined();
    expect(cameraOf(t.next)?.getProcessor()).toBe(fresh);
    expect(t.published.filter((p) => p.source === 'camera')).toEqual([{ source: 'camera', processor: fresh }]);
    expect(selectLostProcessors(t.store.getState())).toEqual({});
    expect(t.count(callActions.processorRestored.type)).toBe(1);
    expect(selectMediaSource(t.store.getState(), 'camera')).toMatchObject({ desired: true, enabled: true });
    // It is the call's processor now: the next controlled reconnect moves the camera with it.
    t.store.dispatch(callActions.forceReconnect({ reason: 'again' }));
    await advance(20_000);
    expect(cameraOf(t.rooms.last())?.getProcessor()).toBe(fresh);
  });

  it('a retry (toggleCamera) once the same processor can start again publishes the camera with it', async () => {
    const t = await loseTheBlur();
    t.blur.broken = false;
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(2_000);
    expect(cameraOf(t.next)?.getProcessor()).toBe(t.blur);
    expect(t.published.filter((p) => p.source === 'camera')).toEqual([{ source: 'camera', processor: t.blur }]);
    expect(selectLostProcessors(t.store.getState())).toEqual({});
  });

  it('a retry while it still fails stays held back: the second capture is stopped too', async () => {
    const t = await loseTheBlur();
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(2_000);
    expect(cameraOf(t.next)).toBeUndefined();
    expect(t.next.localParticipant.tracks.filter((track) => track.source === 'camera').every((track) => track.stopped)).toBe(true);
    expect(selectLostProcessors(t.store.getState()).camera).toBeDefined();
  });

  it('forgetProcessor: the user goes on without it, the camera is published raw and no later capture gets it', async () => {
    const t = await loseTheBlur();
    t.store.dispatch(callActions.forgetProcessor({ source: 'camera' }));
    await advance(2_000);
    const camera = cameraOf(t.next)!;
    expect(camera).toBeDefined();
    expect(camera.getProcessor()).toBeUndefined();
    expect(selectLostProcessors(t.store.getState())).toEqual({});
    t.blur.broken = false;
    t.store.dispatch(callActions.forceReconnect({ reason: 'again' }));
    await advance(20_000);
    expect(cameraOf(t.rooms.last())).toBe(camera); // moved, still raw
    expect(camera.getProcessor()).toBeUndefined();
  });

  it('forgetProcessor on a live processed camera takes the processor off it, and it stays off across a reconnect', async () => {
    const t = await processedCall();
    t.store.dispatch(callActions.forgetProcessor({ source: 'camera' }));
    await settle();
    expect(t.camera.getProcessor()).toBeUndefined();
    t.camera.end();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(20_000);
    const camera = cameraOf(t.rooms.last())!;
    expect(camera).not.toBe(t.camera);
    expect(camera.getProcessor()).toBeUndefined();
  });

  it('a moved microphone whose noise filter cannot be set again (the old AudioContext is gone) is held back, not sent raw', async () => {
    const t = await processedCall();
    const filter = breakableProcessor('noise-filter');
    const mic = t.rooms.last().localParticipant.publicationOf('microphone')!.track!;
    await mic.setProcessor(filter);
    filter.broken = true;
    // The Room ends by itself, keeping the tracks: its AudioContext goes, and the filter with it.
    t.rooms.last().simulateSdkGiveUp();
    await advance(100);
    expect(mic.getProcessor()).toBeUndefined();
    expect(t.rooms.rooms).toHaveLength(2);
    const published = recordPublishes(t.rooms.last());
    await advance(20_000);
    const next = t.rooms.last();
    expect(next.localParticipant.publicationOf('microphone')).toBeUndefined();
    expect(published.filter((p) => p.source === 'microphone')).toEqual([]);
    expect(mic.stopped).toBe(true);
    expect(selectLostProcessors(t.store.getState()).microphone?.name).toBe('noise-filter');
    // The camera kept its blur and went over as it was.
    expect(cameraOf(next)).toBe(t.camera);
    expect(t.camera.getProcessor()).toBe(t.blur);
    filter.broken = false;
    t.store.dispatch(callActions.toggleMicrophone(true));
    await advance(2_000);
    expect(next.localParticipant.publicationOf('microphone')?.track?.getProcessor()).toBe(filter);
    expect(selectLostProcessors(t.store.getState())).toEqual({});
  });

  it('leave forgets the loss: the next call starts without it', async () => {
    const t = await loseTheBlur();
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    expect(selectLostProcessors(t.store.getState())).toEqual({});
  });
});
