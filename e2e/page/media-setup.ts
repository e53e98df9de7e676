// The page side of `media-setup-across-reconnects` (issue 18), shared by the library page and the
// plain page: picks devices, puts the marker processor on the camera, sets the watcher's volume,
// renders the screen-share button (a real click starts the share), and says after each step what
// is left of that setup, with the capture counts of capture-count.ts and what this browser could
// not set up. Import it first: the counters wrap navigator.mediaDevices before anything captures.
import { captureLog, captures, display, liveCameraCaptures, restartCallers, type CaptureCounts } from './capture-count';
import { Track, type LocalTrack, type LocalVideoTrack, type Room } from 'livekit-client';
import { markerProcessor, setMarkerBroken, type MarkerProcessor } from './marker';
import { SHARE_BUTTON, VOLUME, type Skippable } from './setup-constants';

export type DeviceKind = 'videoinput' | 'audioinput' | 'audiooutput';
export const DEVICE_KINDS: readonly DeviceKind[] = ['videoinput', 'audioinput', 'audiooutput'];

/** The second camera, the third microphone, the second speaker (Chromium's `device-count=3`). */
const WANTED: Record<DeviceKind, { index: number; check: Skippable }> = { videoinput: { index: 1, check: 'camera' }, audioinput: { index: 2, check: 'microphone' }, audiooutput: { index: 1, check: 'speaker' } };

/** `null` (and why, in `unavailable`) for a kind the browser lists too few of (headless Firefox: one camera, one microphone, no speaker). */
async function pickDevices() {
  const all = await navigator.mediaDevices.enumerateDevices();
  const chosen = {} as Record<DeviceKind, string | null>;
  const unavailable: Partial<Record<Skippable, string>> = {};
  for (const kind of DEVICE_KINDS) {
    const list = all.filter((d) => d.kind === kind && d.deviceId);
    const { index, check } = WANTED[kind];
    chosen[kind] = list[index]?.deviceId ?? null;
    if (!chosen[kind]) unavailable[check] = `${list.length} ${kind} listed, the setup picks #${index + 1}`;
  }
  return { chosen, unavailable };
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
  /** `state.call.lostProcessors` (the library page). */
  lostProcessors?(): Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function mediaSetup(driver: SetupDriver) {
  let chosen: Record<DeviceKind, string | null> | null = null;
  let watcher: string | null = null;
  let processor: MarkerProcessor | undefined;
  let tracks: Partial<Record<'camera' | 'microphone' | 'screenShare', LocalTrack>> = {};
  let atSetup: CaptureCounts | null = null;
  let devicesUnavailable: Partial<Record<Skippable, string>> = {};

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
  // The capture under the processor: livekit-client's own field, else what the marker paints on.
  const sourceOf = (track: LocalTrack | undefined) => (track as unknown as { _mediaStreamTrack?: MediaStreamTrack } | undefined)?._mediaStreamTrack ?? processor?.input();
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
    // What this browser could not set up, as seen here; the judge skips a check only where the engine's limits say why.
    const shareRefused = !screenShare?.track && display.outcome !== null && display.outcome !== 'ok';
    const unavailable = { ...devicesUnavailable, ...(shareRefused ? { screenShare: `getDisplayMedia → ${display.outcome}` } : {}) };
    return {
      via: driver.via,
      chosen,
      captures: { ...captures },
      atSetup,
      captureLog: captureLog.slice(-10),
      restartCallers: restartCallers.slice(-4),
      camera: { published: Boolean(camera?.track), deviceId: deviceOf(camera?.track), sameTrack: Boolean(camera?.track) && camera?.track === tracks.camera, processor: camera?.track?.getProcessor()?.name ?? null, readyState: camera?.track?.mediaStreamTrack.readyState ?? null, sourceReadyState: camera?.track ? (sourceOf(camera.track)?.readyState ?? null) : null },
      microphone: { published: Boolean(microphone?.track), deviceId: deviceOf(microphone?.track), sameTrack: Boolean(microphone?.track) && microphone?.track === tracks.microphone },
      speaker: room?.getActiveDevice('audiooutput') ?? null,
      volume: volume ?? null,
      watcherPresent: watcher ? Boolean(room?.remoteParticipants.has(watcher)) : false,
      screenShare: { published: Boolean(screenShare?.track) && !screenShare?.isMuted, sameTrack: Boolean(screenShare?.track) && screenShare?.track === tracks.screenShare, readyState: screenShare?.track?.mediaStreamTrack.readyState ?? null },
      processor: processor?.stats() ?? null,
      unavailable,
      stateDevices: driver.stateDevices?.() ?? null,
      lostProcessors: Object.keys(driver.lostProcessors?.() ?? {}),
      liveCameraCaptures: liveCameraCaptures(),
    };
  };

  return {
    /** Devices, then (once the capture uses them) the processor, then the watcher's volume; the share is the button's. */
    setupMedia: async (watcherIdentity: string) => {
      watcher = watcherIdentity;
      ({ chosen, unavailable: devicesUnavailable } = await pickDevices());
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
    /** Stops the published camera's capture under its processor (a camera that went away); no `ended` event fires for a stop(). */
    endCameraCapture: async () => {
      const track = local().camera?.track;
      const source = sourceOf(track);
      if (!track || !source) return { stopped: false, via: 'no camera published' };
      const via = (track as unknown as { _mediaStreamTrack?: MediaStreamTrack })._mediaStreamTrack === source ? 'LocalTrack._mediaStreamTrack' : "the marker's input";
      const processed = source !== track.mediaStreamTrack;
      source.stop();
      // The processor's output ends once its input has (Chromium: the generator closes): give it a moment.
      for (let waited = 0; processed && track.mediaStreamTrack.readyState === 'live' && waited < 2_000; waited += 50) await sleep(50);
      return { stopped: true, via, processed, source: source.readyState, output: track.mediaStreamTrack.readyState };
    },
    /** The marker's init rejects from now on (true) or works again (false). */
    breakMarker: (on: boolean) => setMarkerBroken(on),
  };
}

export type MediaSetupView = ReturnType<ReturnType<typeof mediaSetup>['mediaSetup']>;
