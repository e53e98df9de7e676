import { callActions, selectLostProcessors } from '../../src';
import { advance, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

/** A processor whose init takes `initMs` (a model download) and fails while `broken`. */
function slowProcessor(name: string, initMs = 0) {
  const processor = {
    name,
    broken: false,
    init: jest.fn(async () => {
      if (initMs > 0) await new Promise((resolve) => setTimeout(resolve, initMs));
      if (processor.broken) throw new Error(`${name}: model failed to load`);
    }),
  };
  return processor;
}

async function cameraOn() {
  const t = await createJoinedStore();
  t.store.dispatch(callActions.toggleCamera(true));
  await advance(1_000);
  return t;
}

describe("the app's processor in set*Enabled options is the call's", () => {
  it('setCameraEnabled(true, { processor }) on a live raw camera sets it on that capture (livekit-client alone would ignore it)', async () => {
    const t = await cameraOn();
    const p = t.rooms.last().localParticipant;
    const camera = p.publicationOf('camera')!.track!;
    const blur = slowProcessor('blur');
    await expect(p.setCameraEnabled(true, { processor: blur })).resolves.toBeDefined();
    await settle();
    expect(p.publicationOf('camera')!.track).toBe(camera); // the same capture, no new getUserMedia
    expect(camera.getProcessor()).toBe(blur);
    expect(p.captures).toEqual(['camera']);
    // And it stays the call's: the camera ends, a reconnect opens it again with the processor.
    camera.end();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(20_000);
    expect(t.rooms.last().localParticipant.publicationOf('camera')!.track!.getProcessor()).toBe(blur);
  });

  it('one that cannot start on the live camera takes that camera off (stopped): nothing raw stays out', async () => {
    const t = await cameraOn();
    const p = t.rooms.last().localParticipant;
    const camera = p.publicationOf('camera')!.track!;
    const blur = slowProcessor('blur');
    blur.broken = true;
    const answer = p.setCameraEnabled(true, { processor: blur });
    await advance(2_000);
    // Held back, not failed: the caller's promise resolves, the state tells why nothing is published.
    await expect(answer).resolves.toBeUndefined();
    expect(p.publicationOf('camera')).toBeUndefined();
    expect(camera.stopped).toBe(true);
    expect(selectLostProcessors(t.store.getState()).camera?.name).toBe('blur');
    expect(t.alerts).toEqual([]);
  });

  it('asked for while a plain toggle is still opening the camera: the capture gets it as soon as it is published', async () => {
    const t = await createJoinedStore();
    const p = t.rooms.last().localParticipant;
    p.scriptToggle('camera', { delayMs: 500 });
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(100);
    const blur = slowProcessor('blur');
    const answer = p.setCameraEnabled(true, { processor: blur });
    await advance(2_000);
    await answer;
    expect(p.publicationOf('camera')!.track!.getProcessor()).toBe(blur);
    expect(p.captures).toEqual(['camera']);
  });

  it('a camera kept between Rooms gets the processor asked for meanwhile before the new Room publishes it', async () => {
    const t = await cameraOn();
    const old = t.rooms.last();
    const camera = old.localParticipant.publicationOf('camera')!.track!;
    old.disconnectDelayMs = 600;
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(10);
    // The UI still holds the old Room (the controller's routing is on until it is replaced).
    const blur = slowProcessor('blur');
    void old.localParticipant.setCameraEnabled(true, { processor: blur }).catch(() => undefined);
    await advance(20_000);
    const next = t.rooms.last();
    expect(next).not.toBe(old);
    expect(next.localParticipant.publicationOf('camera')!.track).toBe(camera);
    expect(camera.getProcessor()).toBe(blur);
  });
});

describe("what the app does to the published capture's processor itself stands", () => {
  /** A blurred camera that went through one reconnect already (so the call remembers the blur). */
  async function blurredAndMoved() {
    const t = await cameraOn();
    const camera = t.rooms.last().localParticipant.publicationOf('camera')!.track!;
    const blur = slowProcessor('blur');
    await camera.setProcessor(blur);
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(20_000);
    expect(t.rooms.last().localParticipant.publicationOf('camera')!.track).toBe(camera);
    return { ...t, camera, blur };
  }

  it('a processor switched on the track (blur → virtual background) is not put back by a toggle or a reconnect', async () => {
    const t = await blurredAndMoved();
    const background = slowProcessor('virtual-background');
    await t.camera.setProcessor(background);
    t.store.dispatch(callActions.toggleCamera(false));
    await advance(1_000);
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(1_000);
    expect(t.camera.getProcessor()).toBe(background);
    t.camera.end();
    t.store.dispatch(callActions.forceReconnect({ reason: 'again' }));
    await advance(20_000);
    expect(t.rooms.last().localParticipant.publicationOf('camera')!.track!.getProcessor()).toBe(background);
  });

  it('a processor the app took off the track (stopProcessor) is not put back on the camera opened again', async () => {
    const t = await blurredAndMoved();
    await t.camera.stopProcessor();
    t.store.dispatch(callActions.toggleCamera(false));
    await advance(1_000);
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(1_000);
    expect(t.camera.getProcessor()).toBeUndefined();
    t.camera.end();
    t.store.dispatch(callActions.forceReconnect({ reason: 'again' }));
    await advance(20_000);
    const reopened = t.rooms.last().localParticipant.publicationOf('camera')!.track!;
    expect(reopened).not.toBe(t.camera);
    expect(reopened.getProcessor()).toBeUndefined();
  });
});
