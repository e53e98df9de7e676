// The page side of `media-setup-across-reconnects` (issue 18), shared by the library page and the
// plain page: counts every getUserMedia / getDisplayMedia since load, picks devices, puts the
// marker processor on the camera, sets the watcher's volume, renders the screen-share button (a
// real click starts the share), and says after each step what is left of that setup.
// Import it first: the counters wrap navigator.mediaDevices before anything captures.
import { LocalAudioTrack, LocalVideoTrack, Track, type LocalTrack, type Room } from 'livekit-client';
import { markerProcessor, type MarkerProcessor } from './marker';
import { SHARE_BUTTON, VOLUME } from './setup-constants';

type CaptureApi = 'getUserMedia' | 'getDisplayMedia';
/** `sdkRestarts`: getUserMedia calls made by livekit-client's restartTrack of a track it already has (its own full reconnect, an unmute). */
const captures: Record<CaptureApi | 'sdkRestarts', number> = { getUserMedia: 0, getDisplayMedia: 0, sdkRestarts: 0 };
// A getUserMedia while one of livekit-client's restartTrack calls runs is that restart's (the SDK's own full reconnect restarts the tracks it holds).
let restarting = 0;
for (const proto of [LocalAudioTrack.prototype, LocalVideoTrack.prototype] as { restartTrack(...args: unknown[]): Promise<unknown> }[]) {
  const own = proto.restartTrack;
  proto.restartTrack = async function (this: unknown, ...args: unknown[]) {
    restarting++;
    try {
      return await own.apply(this, args);
    } finally {
      restarting--;
    }
  };
}
const byRestart = () => restarting > 0;
const captureLog: string[] = [];

const what = (c?: MediaStreamConstraints) =>
  (['audio', 'video'] as const)
    .filter((k) => c?.[k])
    .map((k) => {
      const id = typeof c![k] === 'object' ? (c![k] as MediaTrackConstraints).deviceId : undefined;
      const wanted = typeof id === 'string' ? id : ((id as ConstrainDOMStringParameters | undefined)?.exact ?? (id as ConstrainDOMStringParameters | undefined)?.ideal);
      return `${k}${wanted ? `(${String(wanted).slice(0, 8)})` : ''}`;
    })
    .join('+');

for (const api of ['getUserMedia', 'getDisplayMedia'] as const) {
  const devices = navigator.mediaDevices as unknown as Record<CaptureApi, ((c?: MediaStreamConstraints) => Promise<MediaStream>) | undefined>;
  const original = devices?.[api]?.bind(navigator.mediaDevices);
  if (original) {
    devices[api] = (constraints) => {
      captures[api]++;
      if (api === 'getUserMedia' && byRestart()) captures.sdkRestarts++;
      captureLog.push(`${Date.now()} ${api} ${what(constraints)}`);
      return original(constraints);
    };
  }
}

export type DeviceKind = 'videoinput' | 'audioinput' | 'audiooutput';
export const DEVICE_KINDS: readonly DeviceKind[] = ['videoinput', 'audioinput', 'audiooutput'];

/**
 * The second camera, the third microphone, the second speaker (Chromium's `device-count=3`);
 * `null` for a kind the browser lists none of (Firefox lists no speaker before selectAudioOutput).
 */
async function pickDevices(): Promise<Record<DeviceKind, string | null>> {
  const all = await navigator.mediaDevices.enumerateDevices();
  const nth = (kind: DeviceKind, n: number) => {
    const list = all.filter((d) => d.kind === kind && d.deviceId);
    return list[Math.min(n, list.length - 1)]?.deviceId ?? null;
  };
  return { videoinput: nth('videoinput', 1), audioinput: nth('audioinput', 2), audiooutput: nth('audiooutput', 1) };
}

/** How a page does each part of the setup: through the library's actions or straight on the Room. */
export interface SetupDriver {
  room(): Room | undefined;
  selectDevice(kind: DeviceKind, deviceId: string): unknown;
  setVolume(identity: string, volume: number): unknown;
  /** Runs inside the button's click handler (the gesture getDisplayMedia asks for). */
  shareScreen(): unknown;
  /** Which path each part took (e.g. `Room.switchActiveDevice (no callActions.selectDevice)`). */
  via: Record<'devices' | 'volume' | 'screenShare', string>;
  /** The call state's own view, where there is one (`state.call.devices`). */
  stateDevices?(): unknown;
}


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function mediaSetup(driver: SetupDriver) {
  let chosen: Record<DeviceKind, string | null> | null = null;
  let watcher: string | null = null;
  let processor: MarkerProcessor | undefined;
  let tracks: Partial<Record<'camera' | 'microphone' | 'screenShare', LocalTrack>> = {};
  let atSetup: Record<CaptureApi | 'sdkRestarts', number> | null = null;

  const button = document.createElement('button');
  button.id = SHARE_BUTTON;
  button.textContent = 'share screen';
  button.addEventListener('click', () => void driver.shareScreen());
  document.body.prepend(button);

  const local = () => {
    const p = driver.room()?.localParticipant;
    return {
      camera: p?.getTrackPublication(Track.Source.Camera),
      microphone: p?.getTrackPublication(Track.Source.Microphone),
      screenShare: p?.getTrackPublication(Track.Source.ScreenShare),
    };
  };
  const deviceOf = (track: LocalTrack | undefined) => (track ? (track.getSourceTrackSettings().deviceId ?? null) : null);
  const devicesApplied = () => {
    const { camera, microphone } = local();
    const uses = (track: LocalTrack | undefined, id: string | null | undefined) => id === null || deviceOf(track) === id;
    return uses(camera?.track, chosen?.videoinput) && uses(microphone?.track, chosen?.audioinput);
  };

  const describe = () => {
    const room = driver.room();
    const { camera, microphone, screenShare } = local();
    const volume = watcher ? room?.remoteParticipants.get(watcher)?.getVolume() : undefined;
    return {
      via: driver.via,
      chosen,
      captures: { ...captures },
      atSetup,
      captureLog: captureLog.slice(-10),
      camera: { published: Boolean(camera?.track), deviceId: deviceOf(camera?.track), sameTrack: Boolean(camera?.track) && camera?.track === tracks.camera, processor: camera?.track?.getProcessor()?.name ?? null, readyState: camera?.track?.mediaStreamTrack.readyState ?? null },
      microphone: { published: Boolean(microphone?.track), deviceId: deviceOf(microphone?.track), sameTrack: Boolean(microphone?.track) && microphone?.track === tracks.microphone },
      speaker: room?.getActiveDevice('audiooutput') ?? null,
      volume: volume ?? null,
      watcherPresent: watcher ? Boolean(room?.remoteParticipants.has(watcher)) : false,
      screenShare: { published: Boolean(screenShare?.track) && !screenShare?.isMuted, sameTrack: Boolean(screenShare?.track) && screenShare?.track === tracks.screenShare, readyState: screenShare?.track?.mediaStreamTrack.readyState ?? null },
      processor: processor?.stats() ?? null,
      stateDevices: driver.stateDevices?.() ?? null,
    };
  };

  return {
    /** Devices, then (once the capture uses them) the processor, then the watcher's volume; the share is the button's. */
    setupMedia: async (watcherIdentity: string) => {
      watcher = watcherIdentity;
      chosen = await pickDevices();
      for (const kind of DEVICE_KINDS) if (chosen[kind]) await driver.selectDevice(kind, chosen[kind]);
      for (let waited = 0; !devicesApplied() && waited < 10_000; waited += 100) await sleep(100);
      const camera = local().camera?.track as LocalVideoTrack | undefined;
      if (!camera) throw new Error('no camera published to put the processor on');
      processor = markerProcessor();
      await camera.setProcessor(processor);
      // livekit-server announces a participant that publishes nothing (the watcher) a few seconds late.
      for (let waited = 0; !driver.room()?.remoteParticipants.has(watcherIdentity) && waited < 15_000; waited += 100) await sleep(100);
      await driver.setVolume(watcherIdentity, VOLUME);
      return describe();
    },
    /** The setup is complete (share published, marked frames seen): its tracks and capture counts are what later steps are held to. */
    markSetupDone: () => {
      const now = local();
      tracks = { camera: now.camera?.track, microphone: now.microphone?.track, screenShare: now.screenShare?.track };
      atSetup = { ...captures };
      return describe();
    },
    mediaSetup: describe,
  };
}

export type MediaSetupView = ReturnType<ReturnType<typeof mediaSetup>['mediaSetup']>;
