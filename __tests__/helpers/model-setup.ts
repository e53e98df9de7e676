import fc from 'fast-check';
import { ConnectionState } from 'livekit-client';
import { callActions, type CallDeviceKind } from '../../src';
import { FakeDeviceList, type FakeLocalTrack, type FakeRoom } from '../../src/testing';
import type { ModelSystem } from './model-system';

/** The "browser's" devices: three of each kind, as Chromium's `--use-fake-device-for-media-stream=device-count=3`. */
export const createModelDevices = () =>
  new FakeDeviceList({ videoinput: ['cam-1', 'cam-2', 'cam-3'], audioinput: ['mic-1', 'mic-2', 'mic-3'], audiooutput: ['spk-1', 'spk-2', 'spk-3'] });

/** What the app set up that the model checks the call against. */
export interface SetupModel {
  /** The processor the app set on the camera (its background blur), until it removes it or the call ends. */
  processor: object | undefined;
  /** A processor whose `init` fails from now on (its model cannot load again), if any. */
  broken?: object;
  /** Actions already looked at for the end of a call. */
  seen: number;
}

// The setup of the sequence running now: a processor's init asks it whether it is broken.
let active: SetupModel | undefined;
const processorNamed = (name: string) => {
  const processor = {
    name,
    init: async () => {
      if (active?.broken === processor) throw new Error(`${name}: WebGL context lost`);
    },
  };
  return processor;
};
const BLUR = processorNamed('model-blur');
const KIND_OF: Record<string, CallDeviceKind> = { cam: 'videoinput', mic: 'audioinput', spk: 'audiooutput' };
const DEVICE_IDS = ['cam-1', 'cam-2', 'cam-3', 'mic-1', 'mic-2', 'mic-3', 'spk-2', 'spk-3', 'default'];
const kindOf = (id: string): CallDeviceKind => KIND_OF[id.slice(0, 3)] ?? 'videoinput';
const connected = (sys: ModelSystem) => {
  const room = sys.current();
  return room?.state === ConnectionState.Connected ? room : undefined;
};
const cameraTrack = (room: FakeRoom | undefined) => room?.localParticipant.publicationOf('camera')?.track;
/** The Room the call uses now (not one of an ended call, still closing): what the app's UI holds. */
const inUse = (sys: ModelSystem) => {
  const room = connected(sys);
  return room && (sys.controller.getRoom() as unknown) === room ? room : undefined;
};

type SetupStep = { label: string; act: (sys: ModelSystem, setup: SetupModel) => void };
const step = (label: string, act: SetupStep['act']): SetupStep => ({
  label,
  act: (sys, setup) => {
    active = setup;
    act(sys, setup);
  },
});

const deviceSteps = fc.oneof(
  fc.constantFrom(...DEVICE_IDS).map((id) =>
    step(`pick ${id} by action`, (sys) => void sys.store.dispatch(callActions.selectDevice({ kind: id === 'default' ? 'videoinput' : kindOf(id), deviceId: id }))),
  ),
  fc.constantFrom(...DEVICE_IDS.filter((id) => id !== 'default')).map((id) =>
    step(`pick ${id} through the Room (MediaDeviceMenu)`, (sys) => void connected(sys)?.switchActiveDevice(kindOf(id), id).catch(() => undefined)),
  ),
  fc.constantFrom('cam-2', 'cam-3', 'mic-3', 'spk-2').map((id) =>
    step(`unplug ${id}`, (sys) => {
      sys.devices.unplug(id);
      // Its captures end, in whatever Room holds them, and the Room reports the change.
      for (const track of allTracks(sys)) if (track.deviceId === id) track.end();
      sys.current()?.emit('mediaDevicesChanged');
    }),
  ),
  fc.constantFrom('cam-2', 'cam-3', 'mic-3', 'spk-2').map((id) =>
    step(`plug ${id} back`, (sys) => {
      sys.devices.plug(kindOf(id), id);
      sys.current()?.emit('mediaDevicesChanged');
    }),
  ),
);

// Processors and captures: half of the setup steps, so that a processor that breaks on an ended
// capture, and the app's way back, show up in short sequences too.
const processorSteps = fc.oneof(
  fc.constant(
    step('app sets a blur on the camera (turning it on with it if it is off)', (sys, setup) => {
      const room = inUse(sys);
      const track = cameraTrack(room);
      if (!room) return;
      // Wanted once it is on (its init is async, as livekit-client's): the app's own set is not the library's gap.
      const wanted = () => void (cameraTrack(connected(sys))?.getProcessor() === BLUR && (setup.processor = BLUR));
      if (track && !track.stopped) void track.setProcessor(BLUR).then(wanted, () => undefined);
      else {
        // Through the library: wanted from now on, whether or not it can start.
        setup.processor = BLUR;
        void room.localParticipant.setCameraEnabled(true, { processor: BLUR }).catch(() => undefined);
      }
    }),
  ),
  fc.constant(
    step('app removes the camera processor', (sys, setup) => {
      const track = cameraTrack(connected(sys));
      if (!track) return;
      void track.stopProcessor();
      setup.processor = undefined;
    }),
  ),
  fc.constant(step("the app's camera processor breaks (its init fails from now on)", (_sys, setup) => void (setup.broken = setup.processor))),
  fc.constant(step("the app's camera processor works again", (_sys, setup) => void (setup.broken = undefined))),
  fc.constant(
    step('app gives a new processor for the held-back camera: setCameraEnabled(true, { processor })', (sys, setup) => {
      const room = inUse(sys);
      if (!room || !sys.call().lostProcessors.camera) return;
      const fresh = processorNamed('model-blur-again');
      setup.processor = fresh;
      void room.localParticipant.setCameraEnabled(true, { processor: fresh }).catch(() => undefined);
    }),
  ),
  fc.constant(
    step('the user goes on without the camera processor (forgetProcessor)', (sys, setup) => {
      sys.store.dispatch(callActions.forgetProcessor({ source: 'camera' }));
      setup.processor = undefined;
    }),
  ),
  fc.constantFrom('camera' as const, 'microphone' as const, 'screenShare' as const).map((source) =>
    step(`our ${source} capture ends`, (sys) => connected(sys)?.localParticipant.publicationOf(source)?.track?.end()),
  ),
  fc.constant(
    step('the camera is unplugged while its processor breaks (a GPU reset)', (sys, setup) => {
      setup.broken = setup.processor ?? BLUR;
      connected(sys)?.localParticipant.publicationOf('camera')?.track?.end();
    }),
  ),
);

export const setupSteps = { devices: deviceSteps, processors: processorSteps };

export function allTracks(sys: ModelSystem): FakeLocalTrack[] {
  return sys.rooms.rooms.flatMap((r) => r.localParticipant.tracks);
}

const live = (t: FakeLocalTrack) => !t.stopped && t.mediaStreamTrack.readyState === 'live';

/** After every step. Returns a failure message, or nothing. */
export function checkSetupStep(sys: ModelSystem, setup: SetupModel): string | undefined {
  // A call that ended took its captures (and their processors) with it; a new one starts bare.
  const ended = sys.actions.slice(setup.seen).some((a) => a.type === callActions.failed.type || a.type === callActions.disconnected.type || a.type === callActions.leave.type);
  setup.seen = sys.actions.length;
  if (ended) setup.processor = undefined;
  // No new capture for a source whose capture was live: never two live captures of one source.
  for (const source of ['camera', 'microphone', 'screen_share']) {
    const count = allTracks(sys).filter((t) => t.source === source && live(t)).length;
    if (count > 1) return `${count} live ${source} captures: one was opened while the other was live`;
  }
  // No raw frame while a processor is wanted: the published camera, if it sends, is processed.
  const camera = cameraTrack(sys.current());
  if (setup.processor && camera && !camera.isMuted && live(camera) && camera.getProcessor() !== setup.processor) return 'the camera is published raw while the app wants its processor';
  // Held back for its processor: nothing of the camera goes out, and only while the app wants one.
  const lost = sys.call().lostProcessors.camera;
  if (lost && camera && live(camera)) return `the camera is published while its processor is lost (${lost.message})`;
  if (lost && !setup.processor) return 'a processor loss is in state, but the app wants no processor';
  return undefined;
}

/** Once settled and connected: the live devices are the chosen ones, or the default with the loss recorded. */
export function checkSetupSettled(sys: ModelSystem): string | undefined {
  const room = sys.current()!;
  const { devices, lostDevices } = sys.call();
  const tracks: [CallDeviceKind, FakeLocalTrack | undefined][] = [
    ['videoinput', room.localParticipant.publicationOf('camera')?.track],
    ['audioinput', room.localParticipant.publicationOf('microphone')?.track],
  ];
  for (const [kind, track] of tracks) {
    if (!track || !live(track)) continue;
    const chosen = devices[kind];
    const present = chosen !== null && sys.devices.has(kind, chosen);
    const expected = chosen === null ? 'default' : present ? chosen : 'default';
    if (track.deviceId !== expected) return `${kind}: the live track is on ${track.deviceId}, the choice is ${String(chosen)} (${present ? 'present' : 'gone'})`;
    if (chosen !== null && !present && lostDevices[kind] !== chosen) return `${kind}: ${chosen} is gone, but no deviceLost says so`;
  }
  return undefined;
}

/** After leave: no capture of the call is left running (no camera light). */
export function checkSetupAfterLeave(sys: ModelSystem): string | undefined {
  const running = allTracks(sys).filter((t) => !t.stopped && t.mediaStreamTrack.readyState === 'live');
  return running.length > 0 ? `${running.length} captures still running after leave: ${running.map((t) => t.source).join(', ')}` : undefined;
}
