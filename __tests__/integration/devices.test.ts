import { callActions, selectDevices, selectLostDevices } from '../../src';
import type { RoomOptions } from 'livekit-client';
import { FakeDeviceList, createFakeRoomFactory, type FakeRemoteParticipant } from '../../src/testing';
import { advance, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const browserDevices = () => new FakeDeviceList({ videoinput: ['cam-1', 'cam-2', 'cam-3'], audioinput: ['mic-1', 'mic-2', 'mic-3'], audiooutput: ['spk-1', 'spk-2'] });

async function joinedWithDevices() {
  const devices = browserDevices();
  const t = await createJoinedStore({ enumerateDevices: devices.enumerate });
  for (const room of t.rooms.rooms) room.devices = devices;
  t.store.dispatch(callActions.toggleCamera(true));
  t.store.dispatch(callActions.toggleMicrophone(true));
  await advance(2_000);
  return { ...t, devices };
}

describe('devices are call state', () => {
  it('selectDevice switches the Room in use, and every replacement Room starts on the chosen devices', async () => {
    const t = await joinedWithDevices();
    t.store.dispatch(callActions.selectDevice({ kind: 'videoinput', deviceId: 'cam-2' }));
    t.store.dispatch(callActions.selectDevice({ kind: 'audioinput', deviceId: 'mic-3' }));
    t.store.dispatch(callActions.selectDevice({ kind: 'audiooutput', deviceId: 'spk-2' }));
    await settle();
    const first = t.rooms.last();
    expect(first.localParticipant.publicationOf('camera')!.track!.deviceId).toBe('cam-2');
    expect(first.getActiveDevice('audiooutput')).toBe('spk-2');
    expect(selectDevices(t.store.getState())).toEqual({ videoinput: 'cam-2', audioinput: 'mic-3', audiooutput: 'spk-2' });
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(5_000);
    const next = t.rooms.last();
    expect(next).not.toBe(first);
    expect(next.options.videoCaptureDefaults?.deviceId).toBe('cam-2');
    expect(next.options.audioCaptureDefaults?.deviceId).toBe('mic-3');
    expect(next.options.audioOutput?.deviceId).toBe('spk-2');
    expect(next.getActiveDevice('audiooutput')).toBe('spk-2');
    expect(next.localParticipant.publicationOf('camera')!.track!.deviceId).toBe('cam-2');
  });

  it('a pick made while reconnecting reaches the camera moved to the new Room', async () => {
    const t = await joinedWithDevices();
    const camera = t.rooms.last().localParticipant.publicationOf('camera')!.track!;
    t.rooms.last().simulateSdkGiveUp();
    t.store.dispatch(callActions.selectDevice({ kind: 'videoinput', deviceId: 'cam-3' }));
    await advance(5_000);
    expect(t.call().status).toBe('connected');
    expect(t.rooms.last().localParticipant.publicationOf('camera')!.track).toBe(camera);
    expect(camera.deviceId).toBe('cam-3');
  });

  it("a pick through room.switchActiveDevice (components-react's MediaDeviceMenu) is recorded as the call's", async () => {
    const t = await joinedWithDevices();
    await t.rooms.last().switchActiveDevice('audioinput', 'mic-2');
    await settle();
    expect(selectDevices(t.store.getState()).audioinput).toBe('mic-2');
    t.rooms.last().simulateSdkGiveUp();
    await advance(5_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.rooms.last().options.audioCaptureDefaults?.deviceId).toBe('mic-2');
    // The replaced Room's switchActiveDevice is its own again: nothing of the controller stays on it.
    expect(Object.prototype.hasOwnProperty.call(t.rooms.rooms[0], 'switchActiveDevice')).toBe(false);
  });

  it('a device that is gone: the pick fails with a typed error, the call goes on', async () => {
    const t = await joinedWithDevices();
    t.store.dispatch(callActions.selectDevice({ kind: 'videoinput', deviceId: 'cam-9' }));
    await settle();
    expect(t.call().status).toBe('connected');
    expect(t.call().lastError).toMatchObject({ kind: 'device', code: 'device-unavailable' });
    expect(selectDevices(t.store.getState()).videoinput).toBeNull(); // the failed pick is not the choice
    expect(t.rooms.last().localParticipant.isCameraEnabled).toBe(true);
    expect(t.alerts).toEqual([]);
  });

  it('a chosen device that goes away falls back to the default with call/deviceLost, and is used again when it is back', async () => {
    const t = await joinedWithDevices();
    t.store.dispatch(callActions.selectDevice({ kind: 'videoinput', deviceId: 'cam-2' }));
    await settle();
    t.devices.unplug('cam-2');
    t.rooms.last().emit('mediaDevicesChanged');
    await settle();
    expect(t.actions.filter((a) => a.type === callActions.deviceLost.type).map((a) => a.payload)).toEqual([{ kind: 'videoinput', deviceId: 'cam-2' }]);
    expect(selectLostDevices(t.store.getState())).toEqual({ videoinput: 'cam-2' });
    expect(selectDevices(t.store.getState()).videoinput).toBe('cam-2'); // the choice stays
    expect(t.rooms.last().localParticipant.publicationOf('camera')!.track!.deviceId).toBe('default');
    expect(t.call().status).toBe('connected');
    expect(t.call().lastError).toBeNull();
    expect(t.alerts).toEqual([]);
    t.devices.plug('videoinput', 'cam-2');
    t.rooms.last().emit('mediaDevicesChanged');
    await settle();
    expect(selectLostDevices(t.store.getState())).toEqual({});
    expect(t.rooms.last().localParticipant.publicationOf('camera')!.track!.deviceId).toBe('cam-2');
  });
});

describe('what the user set on others', () => {
  it('setParticipantVolume applies to that participant now and in every replacement Room', async () => {
    const t = await joinedWithDevices();
    const bob = t.rooms.last().simulateParticipantJoined('bob');
    t.store.dispatch(callActions.setParticipantVolume({ identity: 'bob', volume: 0.3 }));
    await settle();
    expect(bob.volume).toBe(0.3);
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(5_000);
    const bobAgain = t.rooms.last().simulateParticipantJoined('bob');
    await settle();
    expect(bobAgain.volume).toBe(0.3);
    expect(t.call().participantVolumes).toEqual({ bob: 0.3 });
  });

  it('participants already in a replacement Room when it connects (no ParticipantConnected for them) get their volume', async () => {
    const factory = createFakeRoomFactory();
    const bobs: FakeRemoteParticipant[] = [];
    const createRoom = (options: RoomOptions) => {
      const room = factory.createRoom(options);
      const bob: FakeRemoteParticipant = { identity: 'bob', volume: 1, setVolume(v) { this.volume = v; } };
      room.remoteParticipants.set('bob', bob); // in the join response
      bobs.push(bob);
      return room;
    };
    const t = await createJoinedStore({ createRoom });
    t.store.dispatch(callActions.setParticipantVolume({ identity: 'bob', volume: 0.35 }));
    await settle();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(5_000);
    expect(factory.rooms).toHaveLength(2);
    expect(bobs.map((b) => b.volume)).toEqual([0.35, 0.35]);
  });

  it('a volume out of range is clamped; a new call keeps the devices and volumes', async () => {
    const t = await joinedWithDevices();
    t.store.dispatch(callActions.setParticipantVolume({ identity: 'bob', volume: 7 }));
    t.store.dispatch(callActions.selectDevice({ kind: 'audiooutput', deviceId: 'spk-2' }));
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    t.store.dispatch(callActions.join({ roomName: 'r2', participantIdentity: 'ann' }));
    await advance(2_000);
    expect(t.call().participantVolumes).toEqual({ bob: 1 });
    expect(t.rooms.last().options.audioOutput?.deviceId).toBe('spk-2');
  });

  it('a device picked while the camera was still opening (its processor loading): the published capture is moved to it', async () => {
    const t = await createJoinedStore();
    const p = t.rooms.last().localParticipant;
    const blur = { name: 'blur', init: () => new Promise<void>((resolve) => setTimeout(resolve, 800)) };
    void p.setCameraEnabled(true, { processor: blur }).catch(() => undefined);
    await advance(100); // the capture is open on the default camera; the processor is loading
    t.store.dispatch(callActions.selectDevice({ kind: 'videoinput', deviceId: 'cam-2' }));
    await advance(3_000);
    const camera = p.publicationOf('camera')!.track!;
    expect(camera.deviceId).toBe('cam-2');
    expect(camera.getProcessor()).toBe(blur);
  });

  it('"the default" picked while reconnecting: the moved capture goes to the default on the new Room', async () => {
    const t = await joinedWithDevices();
    t.store.dispatch(callActions.selectDevice({ kind: 'videoinput', deviceId: 'cam-2' }));
    await settle();
    const camera = t.rooms.last().localParticipant.publicationOf('camera')!.track!;
    expect(camera.deviceId).toBe('cam-2');
    t.rooms.last().simulateSdkGiveUp();
    t.store.dispatch(callActions.selectDevice({ kind: 'videoinput', deviceId: 'default' }));
    await advance(20_000);
    expect(t.call().status).toBe('connected');
    expect(t.rooms.last().localParticipant.publicationOf('camera')!.track).toBe(camera);
    expect(camera.deviceId).toBe('default');
    expect(selectDevices(t.store.getState()).videoinput).toBeNull();
  });
});
