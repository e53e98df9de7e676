// `media-setup-across-reconnects` (issue 18): what one step left of a subject's media setup, the
// checks the library is held to (pure: unit-tested; media-setup-report.ts prints them).
import type { MediaSetupView } from '../page/media-setup';
import { skipsOf, type Skippable } from './media-setup-limits';
import { captureFacts, captureProblems, type CaptureFacts, type CaptureInput, type Expectation } from './media-setup-capture-judge';

/** `n/a`: nothing was chosen (the browser lists too few); passes only when `skipped` says why. */
export type DeviceCheck = 'kept' | 'lost' | 'none' | 'n/a';

export interface MediaSetupStep {
  step: string;
  /** What the library is held to (media-setup-capture-judge.ts). */
  expects: Expectation;
  /** A library-only step on the plain page: nothing played, nothing judged, n/a in the table. */
  notPlayed: boolean;
  /** The step's own captures and the camera's state: the steps that end a capture. */
  capture: CaptureFacts | null;
  /** What the subject got (the plain page: its SDK's own version of the step, or nothing). */
  played: string;
  /** Connected again, with camera frames at the watcher. */
  back: boolean;
  /** Step end → the watcher's first new camera frame after the picture froze (measure.ts `recoveryMs`). */
  recoveryMs: number | null;
  /** Captures opened since the setup was complete (getUserMedia / getDisplayMedia calls). */
  extraGetUserMedia: number | null;
  extraGetDisplayMedia: number | null;
  /** The published tracks' capture `getSettings().deviceId` and `room.getActiveDevice('audiooutput')` vs the chosen ones. */
  devices: { camera: DeviceCheck; microphone: DeviceCheck; speaker: DeviceCheck };
  /** What the devices were, when not the chosen ones (first 8 characters). */
  deviceValues: string;
  /** Camera frames the watcher checked for the marker during the step. */
  markedFrames: number;
  unmarkedFrames: number;
  /** Frames too small to carry the block (livekit-server's 8x8 / 2x2 blank frames): not counted as unmarked. */
  placeholderFrames: number;
  /** The watcher's volume on the subject's Room now (set: VOLUME). */
  volume: number | null;
  volumeKept: boolean;
  /** The watcher is a participant of the subject's Room now (an unset volume is then one the Room never got). */
  watcherPresent: boolean;
  /** Published and unmuted on the page, and listed by the server. */
  screenShare: boolean;
  /** Of `extraGetUserMedia`: livekit-client's restartTrack of a track it holds (its own full reconnect restarts them; the same LocalTrack, processor kept). */
  sdkRestarts: number | null;
  /** Which of the setup's LocalTrack objects are still the published ones. */
  sameTracks: string[];
  /** Checks this engine cannot make (media-setup-limits.ts), with the reason and what the page saw. */
  skipped: Partial<Record<Skippable, string>>;
  /** Parts of the setup the page found missing that this engine has no limit for: failures. */
  missing: Partial<Record<Skippable, string>>;
  /** Processor stats and capture log excerpt, for whoever explains a failure. */
  note: string;
}

const short = (id: string | null | undefined) => (id ? id.slice(0, 8) : 'none');
const check = (actual: string | null | undefined, chosen: string | null | undefined): DeviceCheck => (chosen === null ? 'n/a' : !actual ? 'none' : actual === chosen ? 'kept' : 'lost');

interface MarkerTotals {
  marked: number;
  unmarked: number;
  placeholders?: number;
}

export interface StepInput {
  step: string;
  played: string;
  back: boolean;
  recoveryMs: number | null;
  view: MediaSetupView | null;
  /** The watcher's marker counts of this subject before and after the step. */
  markers: { before: MarkerTotals; after: MarkerTotals };
  serverScreenShare: boolean;
  volume: number;
  /** The engine's limits (ENGINE_LIMITS[engine]). */
  limits: Partial<Record<Skippable, string>>;
  /** Default `kept`; any other needs `capture`. */
  expects?: Expectation;
  capture?: Omit<CaptureInput, 'view'>;
}

/** A library-only step as the plain page reports it. */
export const notPlayedStep = (step: string, played: string): MediaSetupStep => ({
  ...stepFrom({ step, played, back: false, recoveryMs: null, view: null, markers: { before: { marked: 0, unmarked: 0 }, after: { marked: 0, unmarked: 0 } }, serverScreenShare: false, volume: 0, limits: {} }),
  notPlayed: true,
  note: 'not played: no equivalent on a plain page',
});

export function stepFrom(input: StepInput): MediaSetupStep {
  const { view } = input;
  const chosen = view?.chosen ?? undefined;
  const devices = {
    camera: check(view?.camera.deviceId, chosen?.videoinput),
    microphone: check(view?.microphone.deviceId, chosen?.audioinput),
    speaker: check(view?.speaker, chosen?.audiooutput),
  };
  const deviceValues = [
    devices.camera !== 'kept' && devices.camera !== 'n/a' ? `camera=${short(view?.camera.deviceId)} (chosen ${short(chosen?.videoinput)})` : '',
    devices.microphone !== 'kept' && devices.microphone !== 'n/a' ? `microphone=${short(view?.microphone.deviceId)} (chosen ${short(chosen?.audioinput)})` : '',
    devices.speaker !== 'kept' && devices.speaker !== 'n/a' ? `speaker=${short(view?.speaker)} (chosen ${short(chosen?.audiooutput)})` : '',
  ].filter(Boolean);
  const sameTracks = view ? (['camera', 'microphone', 'screenShare'] as const).filter((k) => view[k].sameTrack) : [];
  const p = view?.processor;
  const { skipped, missing } = skipsOf(input.limits, view?.unavailable);
  const expects = input.expects ?? 'kept';
  return {
    step: input.step,
    expects,
    notPlayed: false,
    capture: expects !== 'kept' && view && input.capture ? captureFacts({ ...input.capture, view }) : null,
    played: input.played,
    back: input.back,
    recoveryMs: input.recoveryMs,
    extraGetUserMedia: view?.atSetup ? view.captures.getUserMedia - view.atSetup.getUserMedia : null,
    extraGetDisplayMedia: view?.atSetup ? view.captures.getDisplayMedia - view.atSetup.getDisplayMedia : null,
    sdkRestarts: view?.atSetup ? (view.captures.sdkRestarts ?? 0) - (view.atSetup.sdkRestarts ?? 0) : null,
    devices,
    deviceValues: deviceValues.join(' '),
    markedFrames: input.markers.after.marked - input.markers.before.marked,
    unmarkedFrames: input.markers.after.unmarked - input.markers.before.unmarked,
    placeholderFrames: (input.markers.after.placeholders ?? 0) - (input.markers.before.placeholders ?? 0),
    volume: view?.volume ?? null,
    volumeKept: view?.volume != null && Math.abs(view.volume - input.volume) < 1e-6,
    watcherPresent: Boolean(view?.watcherPresent),
    screenShare: Boolean(view?.screenShare.published) && input.serverScreenShare,
    sameTracks,
    skipped,
    missing,
    note: view ? `processor on camera=${view.camera.processor ?? 'none'} ${p ? `(${p.mode}, inits ${p.inits}, restarts ${p.restarts}, destroys ${p.destroys})` : ''} share page=${view.screenShare.published} server=${input.serverScreenShare}` : 'page did not answer',
  };
}

/** The library's checks for one step; empty = passed. */
export function stepProblems(s: MediaSetupStep): string[] {
  if (s.notPlayed) return [];
  const kept = s.expects === 'kept';
  // Held back: the camera is meant to be off, so neither its frames nor its device are asked for.
  const cameraOn = s.expects !== 'held-back';
  const problems: string[] = [];
  if (!s.back) problems.push(cameraOn ? 'not back (no camera frames at the watcher)' : 'not back (connected on a new Room, lostProcessors.camera)');
  if (kept) {
    // The library opens nothing; livekit-client's own full reconnect (answers dropped: its NegotiationError) restarts the tracks it holds.
    const ours = s.extraGetUserMedia === null ? null : s.extraGetUserMedia - (s.sdkRestarts ?? 0);
    if (ours !== 0) problems.push(`getUserMedia +${ours ?? '?'} not by livekit-client's restartTrack`);
    if ((s.sdkRestarts ?? 0) > 0 && !(s.sameTracks.includes('camera') && s.sameTracks.includes('microphone'))) problems.push(`livekit-client restarted tracks that were then replaced (same: ${s.sameTracks.join(',') || 'none'})`);
  } else problems.push(...captureProblems(s.expects, s.capture));
  if (s.extraGetDisplayMedia !== 0) problems.push(`getDisplayMedia +${s.extraGetDisplayMedia ?? '?'}`);
  for (const [kind, state] of Object.entries(s.devices) as [Skippable, DeviceCheck][]) {
    if (kind === 'camera' && !cameraOn) continue;
    if (state === 'n/a' && !s.skipped[kind]) problems.push(`${kind} n/a (${s.missing[kind] ?? 'nothing chosen'})`);
    else if (state !== 'kept' && state !== 'n/a') problems.push(`${kind} ${state}`);
  }
  if (s.unmarkedFrames !== 0) problems.push(`${s.unmarkedFrames} unmarked frames`);
  if (cameraOn && s.markedFrames <= 0) problems.push('no marked frame seen');
  if (!s.volumeKept) problems.push(`volume ${s.volume ?? 'unset'} (watcher ${s.watcherPresent ? 'in' : 'not in'} the Room)`);
  if (!s.screenShare && !s.skipped.screenShare) problems.push(`screen share not published${s.missing.screenShare ? ` (${s.missing.screenShare})` : ''}`);
  // A capture that ended is a new camera LocalTrack by design; the others stay the setup's.
  const notSame = (['camera', 'microphone', 'screenShare'] as const).filter((k) => !s.sameTracks.includes(k) && !(k === 'screenShare' && s.skipped.screenShare) && !(k === 'camera' && !kept));
  if (notSame.length) problems.push(`not the setup's LocalTrack: ${notSame.join(',')}`);
  return problems;
}

/** From the setup's end to the last step's observation, steps and the gaps between them alike. */
export function wholeRunProblems(atSetup: MarkerTotals, atEnd: MarkerTotals): string[] {
  const unmarked = atEnd.unmarked - atSetup.unmarked;
  return unmarked === 0 ? [] : [`${unmarked} unmarked frames over the whole run`];
}
