// `media-setup-across-reconnects`, the library-only steps after the four (issue 18): a camera
// capture that ended is opened again with its processor, one whose processor cannot start is held
// back (nothing of the camera sent, no capture left running), and comes back once it can. The
// checks these steps add (pure: unit-tested; media-setup-judge.ts adds the shared ones).
import type { CaptureCounts } from '../page/capture-count';
import type { MediaSetupView } from '../page/media-setup';
import { MARKER_NAME } from '../page/setup-constants';

/**
 * What the library is held to after a step: `kept` the setup as it was (the four steps);
 * `reopened` a new camera capture with the processor; `held-back` connected, the camera not
 * published and `lostProcessors.camera`; `restored` the camera back with the processor.
 */
export type Expectation = 'kept' | 'reopened' | 'held-back' | 'restored';

export interface CaptureFacts {
  /** getUserMedia calls during the step, and of them livekit-client's restartTrack. */
  stepGetUserMedia: number;
  stepSdkRestarts: number;
  /** The step's getUserMedia calls as capture-count.ts logs them (`getUserMedia video(1a2b3c4d)`). */
  stepLog: string[];
  /** First 8 characters of the chosen camera; null where the engine lists no 2nd one. */
  chosenCamera: string | null;
  /** Camera tracks getUserMedia gave out that are still live (a leaked capture keeps one). */
  liveCameraCaptures: number;
  cameraPublished: boolean;
  /** listParticipants lists an unmuted camera track of the subject. */
  serverCamera: boolean;
  cameraProcessor: string | null;
  lostProcessors: string[];
  /** `call/processorLost` / `call/processorRestored` dispatched during the step. */
  processorLost: number;
  processorRestored: number;
}

export interface CaptureInput {
  view: MediaSetupView;
  /** The page's capture counts when the step began, and that moment (page clock = runner clock). */
  before: CaptureCounts;
  startedAt: number;
  serverCamera: boolean;
  /** Types of the library's actions during the step. */
  actions: string[];
}

/** `1700000000000 getUserMedia video(1a2b3c4d)` → its time and the rest. */
const parseLog = (line: string) => {
  const at = Number.parseInt(line, 10);
  return { at, what: line.slice(line.indexOf(' ') + 1) };
};

export function captureFacts({ view, before, startedAt, serverCamera, actions }: CaptureInput): CaptureFacts {
  return {
    stepGetUserMedia: view.captures.getUserMedia - before.getUserMedia,
    stepSdkRestarts: (view.captures.sdkRestarts ?? 0) - (before.sdkRestarts ?? 0),
    stepLog: view.captureLog.map(parseLog).filter((l) => l.at >= startedAt && l.what.startsWith('getUserMedia')).map((l) => l.what),
    chosenCamera: view.chosen?.videoinput?.slice(0, 8) ?? null,
    liveCameraCaptures: view.liveCameraCaptures,
    cameraPublished: view.camera.published,
    serverCamera,
    cameraProcessor: view.camera.processor,
    lostProcessors: view.lostProcessors,
    processorLost: actions.filter((t) => t === 'call/processorLost').length,
    processorRestored: actions.filter((t) => t === 'call/processorRestored').length,
  };
}

/**
 * The camera opened once, as a camera (video only), on the chosen device where there is one. A
 * restartTrack counts too: no SDK reconnect of its own runs in these steps, so a second capture is
 * the library's (a camera relaunch and a processor restart the user sees).
 */
function openedOnce(c: CaptureFacts): string[] {
  const restarts = c.stepSdkRestarts ? `, ${c.stepSdkRestarts} by restartTrack` : '';
  const problems = c.stepGetUserMedia === 1 ? [] : [`getUserMedia +${c.stepGetUserMedia} in the step (expected 1: the camera opened again${restarts})`];
  const wanted = c.chosenCamera ? `getUserMedia video(${c.chosenCamera})` : null;
  const wrong = c.stepLog.filter((l) => (wanted ? l !== wanted : !/^getUserMedia video(\([^)]*\))?$/.test(l)));
  if (wrong.length) problems.push(`getUserMedia not ${wanted ?? 'video only'}: ${wrong.join(', ')}`);
  return problems;
}

/** This expectation's own checks (captures, the camera on the page and the server, lostProcessors); empty for `kept`. */
export function captureProblems(expects: Expectation, c: CaptureFacts | null): string[] {
  if (expects === 'kept') return [];
  if (!c) return ['page did not answer'];
  const problems = openedOnce(c);
  if (expects === 'held-back') {
    if (c.cameraPublished) problems.push('camera published on the page');
    if (c.serverCamera) problems.push('camera listed by the server');
    if (!c.lostProcessors.includes('camera')) problems.push(`lostProcessors.camera not set (${c.lostProcessors.join(',') || 'none'})`);
    if (c.processorLost < 1) problems.push('no call/processorLost');
    if (c.liveCameraCaptures !== 0) problems.push(`${c.liveCameraCaptures} camera captures still live (leaked)`);
    return problems;
  }
  if (!c.cameraPublished || !c.serverCamera) problems.push(`camera not published (page ${c.cameraPublished}, server ${c.serverCamera})`);
  if (c.cameraProcessor !== MARKER_NAME) problems.push(`camera processor ${c.cameraProcessor ?? 'none'}`);
  if (c.lostProcessors.length) problems.push(`lostProcessors ${c.lostProcessors.join(',')}`);
  if (c.liveCameraCaptures !== 1) problems.push(`${c.liveCameraCaptures} live camera captures (expected 1)`);
  if (expects === 'restored' && c.processorRestored < 1) problems.push('no call/processorRestored');
  return problems;
}

/** `step gUM +1 [getUserMedia video(1a2b3c4d)], camera published (e2e-marker), lost none, live captures 1` */
export function formatCapture(c: CaptureFacts | null): string {
  if (!c) return 'page did not answer';
  const camera = c.cameraPublished ? `camera published (${c.cameraProcessor ?? 'no processor'})` : 'camera not published';
  return `step gUM +${c.stepGetUserMedia}${c.stepSdkRestarts ? ` (${c.stepSdkRestarts} restartTrack)` : ''} [${c.stepLog.join(', ')}], ${camera}, server ${c.serverCamera ? 'lists' : 'no'} camera, lost ${c.lostProcessors.join(',') || 'none'}, processorLost ${c.processorLost} / Restored ${c.processorRestored}, live captures ${c.liveCameraCaptures}`;
}
