import { withChromiumArgs, CHROMIUM_ARGS } from '../../e2e/harness/chromium-args';
import { stepFrom, stepProblems, wholeRunProblems, type StepInput } from '../../e2e/matrix/media-setup-judge';
import type { Expectation } from '../../e2e/matrix/media-setup-capture-judge';
import { ENGINE_LIMITS, formatSkips, skipsOf } from '../../e2e/matrix/media-setup-limits';
import { formatStep, mediaSetupTable } from '../../e2e/matrix/media-setup-report';
import { notPlayedStep } from '../../e2e/matrix/media-setup-judge';
import { isMarkedFrame, isMarkedSample, isMarkerColour, isSecondColour } from '../../e2e/page/marker';
import type { MediaSetupView } from '../../e2e/page/media-setup';

describe('chromium flags of a scenario', () => {
  it('a --flag=value replaces the base --flag where it stood', () => {
    const args = withChromiumArgs(['--use-fake-device-for-media-stream=device-count=3']);
    expect(args).toContain('--use-fake-device-for-media-stream=device-count=3');
    expect(args).not.toContain('--use-fake-device-for-media-stream');
    expect(args.indexOf('--use-fake-device-for-media-stream=device-count=3')).toBe(CHROMIUM_ARGS.indexOf('--use-fake-device-for-media-stream'));
    expect(args).toHaveLength(CHROMIUM_ARGS.length);
  });
  it('a new flag is appended, and nothing changes without extras', () => {
    expect(withChromiumArgs(['--auto-select-desktop-capture-source=Entire screen'])).toEqual([...CHROMIUM_ARGS, '--auto-select-desktop-capture-source=Entire screen']);
    expect(withChromiumArgs()).toEqual(CHROMIUM_ARGS);
  });
});

describe('the camera marker', () => {
  it('magenta after a lossy codec passes; grey, green and black do not', () => {
    expect(isMarkerColour(255, 0, 255)).toBe(true);
    expect(isMarkerColour(205, 60, 190)).toBe(true);
    expect(isMarkerColour(191, 191, 191)).toBe(false);
    expect(isMarkerColour(5, 112, 1)).toBe(false);
    expect(isMarkerColour(0, 0, 0)).toBe(false);
  });
  it('a frame is marked when at least 12 of its 16 sampled pixels are', () => {
    const px = (marked: number) => Array.from({ length: 16 }, (_, i) => (i < marked ? [250, 10, 250, 255] : [30, 30, 30, 255])).flat();
    expect(isMarkedSample(px(16))).toBe(true);
    expect(isMarkedSample(px(12))).toBe(true);
    expect(isMarkedSample(px(11))).toBe(false);
  });
  const flat = (rgb: number[]) => Array.from({ length: 16 }, () => [...rgb, 255]).flat();
  it('a processed frame shows both blocks; a flat frame never does, whatever its colour', () => {
    expect(isSecondColour(0, 255, 0)).toBe(true);
    expect(isSecondColour(5, 112, 1)).toBe(false);
    expect(isMarkedFrame(flat([250, 10, 250]), flat([10, 240, 20]))).toBe(true);
    // Firefox's fake camera, Y 128 with Cb = Cr = 240: magenta all over (~7 s of every ~30 s).
    expect(isMarkedFrame(flat([255, 9, 255]), flat([255, 9, 255]))).toBe(false);
    expect(isMarkedFrame(flat([10, 240, 20]), flat([10, 240, 20]))).toBe(false);
    expect(isMarkedFrame(flat([250, 10, 250]), flat([191, 191, 191]))).toBe(false);
  });
});

const chosen = { videoinput: 'cam-2', audioinput: 'mic-3', audiooutput: 'spk-2' };
const view = (over: Partial<MediaSetupView> = {}): MediaSetupView => ({
  via: { devices: 'callActions.selectDevice', volume: 'callActions.setParticipantVolume', screenShare: 'callActions.toggleScreenShare(true)' },
  chosen,
  captures: { getUserMedia: 4, getDisplayMedia: 1, sdkRestarts: 0 },
  atSetup: { getUserMedia: 4, getDisplayMedia: 1, sdkRestarts: 0 },
  captureLog: [],
  restartCallers: [],
  camera: { published: true, deviceId: 'cam-2', sameTrack: true, processor: 'e2e-marker', readyState: 'live', sourceReadyState: 'live' },
  microphone: { published: true, deviceId: 'mic-3', sameTrack: true },
  speaker: 'spk-2',
  volume: 0.35,
  watcherPresent: true,
  screenShare: { published: true, sameTrack: true, readyState: 'live' },
  processor: { mode: 'insertable-streams', frames: 100, inits: 1, restarts: 0, destroys: 0, failedInits: 0 },
  unavailable: {},
  stateDevices: null,
  lostProcessors: [],
  liveCameraCaptures: 1,
  ...over,
});
const input = (over: Partial<StepInput> = {}): StepInput => ({
  step: 'server-leave',
  played: "simulate('server-leave')",
  back: true,
  recoveryMs: 800,
  view: view(),
  markers: { before: { marked: 100, unmarked: 3 }, after: { marked: 160, unmarked: 3 } },
  serverScreenShare: true,
  volume: 0.35,
  limits: ENGINE_LIMITS.chromium,
  ...over,
});

describe('media-setup step checks', () => {
  it('everything kept: no problem', () => {
    const step = stepFrom(input());
    expect(stepProblems(step)).toEqual([]);
    expect(step).toMatchObject({ extraGetUserMedia: 0, extraGetDisplayMedia: 0, markedFrames: 60, unmarkedFrames: 0, volumeKept: true, screenShare: true });
    expect(formatStep(step)).toContain('[ok]');
  });
  it("livekit-client's own restartTrack of the same tracks is not the library's capture; restarts of tracks then replaced are", () => {
    const same = stepFrom(input({ view: view({ captures: { getUserMedia: 6, getDisplayMedia: 1, sdkRestarts: 2 } }) }));
    expect(stepProblems(same)).toEqual([]);
    const replaced = stepFrom(input({ view: view({ captures: { getUserMedia: 6, getDisplayMedia: 1, sdkRestarts: 2 }, microphone: { published: true, deviceId: 'mic-3', sameTrack: false } }) }));
    expect(stepProblems(replaced)).toEqual(['livekit-client restarted tracks that were then replaced (same: camera,screenShare)', "not the setup's LocalTrack: microphone"]);
    const ours = stepFrom(input({ view: view({ captures: { getUserMedia: 7, getDisplayMedia: 1, sdkRestarts: 2 } }) }));
    expect(stepProblems(ours)).toEqual(["getUserMedia +1 not by livekit-client's restartTrack"]);
  });

  it('what a Room replaced from scratch loses, each named', () => {
    const step = stepFrom(
      input({
        view: view({
          captures: { getUserMedia: 6, getDisplayMedia: 1, sdkRestarts: 0 },
          camera: { published: true, deviceId: 'cam-1', sameTrack: false, processor: null, readyState: 'live', sourceReadyState: 'live' },
          microphone: { published: true, deviceId: 'default', sameTrack: false },
          speaker: 'default',
          volume: null,
          screenShare: { published: false, sameTrack: false, readyState: null },
        }),
        markers: { before: { marked: 100, unmarked: 0 }, after: { marked: 100, unmarked: 56 } },
        serverScreenShare: false,
      }),
    );
    expect(stepProblems(step)).toEqual(["getUserMedia +2 not by livekit-client's restartTrack", 'camera lost', 'microphone lost', 'speaker lost', '56 unmarked frames', 'no marked frame seen', 'volume unset (watcher in the Room)', 'screen share not published', "not the setup's LocalTrack: camera,microphone,screenShare"]);
    expect(step.deviceValues).toContain('camera=cam-1 (chosen cam-2)');
    expect(step.sameTracks).toEqual([]);
  });
  it('a page that did not answer fails every check, and placeholders are not unmarked frames', () => {
    const step = stepFrom(input({ back: false, view: null, markers: { before: { marked: 0, unmarked: 0, placeholders: 1 }, after: { marked: 0, unmarked: 0, placeholders: 4 } } }));
    expect(step.placeholderFrames).toBe(3);
    expect(step.unmarkedFrames).toBe(0);
    expect(stepProblems(step)).toContain('not back (no camera frames at the watcher)');
    expect(stepProblems(step)).toContain("getUserMedia +? not by livekit-client's restartTrack");
    expect(stepProblems(step)).toContain('camera none');
  });
  it('the table has one row per subject and step', () => {
    const steps = [stepFrom(input()), stepFrom(input({ step: 'video-profile-stable' }))];
    const table = mediaSetupTable([{ engine: 'chromium', subject: 'library', run: 1, mediaSetup: steps }, { engine: 'chromium', subject: 'baseline', run: 1 }]);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toContain('| chromium | 1 | library | video-profile-stable | 800 | 0 / 0 | kept / kept / kept | 0 / 60 | 0.35 | yes | camera, microphone, screenShare |');
    expect(mediaSetupTable([])).toBe('');
  });
});

// Headless Firefox 153 as its pages report it: one fake camera and microphone, no speaker, no screen.
const NOT_FOUND = 'getDisplayMedia → NotFoundError: The object can not be found here.';
const ffUnavailable = { camera: '1 videoinput listed, the setup picks #2', microphone: '1 audioinput listed, the setup picks #3', speaker: '0 audiooutput listed, the setup picks #2', screenShare: NOT_FOUND };
const ffView = (over: Partial<MediaSetupView> = {}) =>
  view({ chosen: { videoinput: null, audioinput: null, audiooutput: null }, speaker: null, screenShare: { published: false, sameTrack: false, readyState: null }, unavailable: ffUnavailable, ...over });
const ff = (over: Partial<StepInput> = {}) => stepFrom(input({ view: ffView(), serverScreenShare: false, limits: ENGINE_LIMITS.firefox, ...over }));

describe('what an engine cannot set up', () => {
  it('Firefox: the devices and the screen share are skipped, each with its reason, and everything else passes', () => {
    const step = ff();
    expect(stepProblems(step)).toEqual([]);
    expect([step.devices, step.missing]).toEqual([{ camera: 'n/a', microphone: 'n/a', speaker: 'n/a' }, {}]);
    expect(Object.keys(step.skipped).sort()).toEqual(['camera', 'microphone', 'screenShare', 'speaker']);
    expect(step.skipped.screenShare).toContain(`(seen: ${NOT_FOUND})`);
    expect(formatStep(step)).toMatch(/devices kept \(n\/a: camera,microphone,speaker\).*share n\/a.*\[ok\]/);
    expect(formatSkips('firefox', step.skipped)).toMatch(/^skipped in firefox: camera: .*one camera.*; screenShare: .*no screen/);
    expect(mediaSetupTable([{ engine: 'firefox', subject: 'library', run: 1, mediaSetup: [step] }])).toContain('| n/a / n/a / n/a | 0 / 60 | 0.35 | n/a | camera, microphone |');
  });
  it('the same page in Chromium fails: it has no limits', () => {
    const step = ff({ limits: ENGINE_LIMITS.chromium });
    expect(step.skipped).toEqual({});
    expect(stepProblems(step)).toEqual([`camera n/a (${ffUnavailable.camera})`, `microphone n/a (${ffUnavailable.microphone})`, `speaker n/a (${ffUnavailable.speaker})`, `screen share not published (${NOT_FOUND})`, "not the setup's LocalTrack: screenShare"]);
    expect(formatStep(step)).toContain('share no');
  });
  it('Firefox is still held to captures, frames, volume and the same camera and microphone', () => {
    const v = ffView({ captures: { getUserMedia: 5, getDisplayMedia: 2, sdkRestarts: 0 }, microphone: { published: true, deviceId: 'mic-3', sameTrack: false }, volume: null });
    const step = ff({ view: v, markers: { before: { marked: 100, unmarked: 0 }, after: { marked: 150, unmarked: 4 } } });
    expect(stepProblems(step)).toEqual(["getUserMedia +1 not by livekit-client's restartTrack", 'getDisplayMedia +1', '4 unmarked frames', 'volume unset (watcher in the Room)', "not the setup's LocalTrack: microphone"]);
  });
  it('a check is skipped only where the engine names it and the page found it missing', () => {
    expect(skipsOf(ENGINE_LIMITS.firefox, undefined)).toEqual({ skipped: {}, missing: {} });
    expect(skipsOf({ speaker: 'none listed' }, { speaker: '0 listed', camera: '1 listed' })).toEqual({ skipped: { speaker: 'none listed (seen: 0 listed)' }, missing: { camera: '1 listed' } });
    // A Firefox that shares a screen one day is checked on it.
    const shares = ff({ view: ffView({ chosen, speaker: 'spk-2', unavailable: {} }) });
    expect(stepProblems(shares)).toEqual(['screen share not published', "not the setup's LocalTrack: screenShare"]);
  });
  it('unmarked frames count over the whole run, between the steps too', () => {
    expect(wholeRunProblems({ marked: 10, unmarked: 2 }, { marked: 500, unmarked: 2 })).toEqual([]);
    expect(wholeRunProblems({ marked: 10, unmarked: 2 }, { marked: 500, unmarked: 5 })).toEqual(['3 unmarked frames over the whole run']);
  });
});

// The library-only steps: a camera capture that ended, opened again (reopened), held back by a broken processor, restored.
const T = 1_700_000_000_000;
const reopenedView = (over: Partial<MediaSetupView> = {}) =>
  view({ captures: { getUserMedia: 5, getDisplayMedia: 1, sdkRestarts: 0 }, captureLog: [`${T - 10} getUserMedia audio(mic-3)`, `${T + 5} getUserMedia video(cam-2)`], camera: { published: true, deviceId: 'cam-2', sameTrack: false, processor: 'e2e-marker', readyState: 'live', sourceReadyState: 'live' }, ...over });
const heldView = (over: Partial<MediaSetupView> = {}) =>
  reopenedView({ camera: { published: false, deviceId: null, sameTrack: false, processor: null, readyState: null, sourceReadyState: null }, lostProcessors: ['camera'], liveCameraCaptures: 0, ...over });
const captureStep = (expects: Expectation, v: MediaSetupView, over: Partial<StepInput> = {}, actions: string[] = []) =>
  stepFrom(input({ step: expects, expects, view: v, capture: { before: { getUserMedia: 4, getDisplayMedia: 1, sdkRestarts: 0 }, startedAt: T, serverCamera: v.camera.published, actions }, ...over }));
const dark = { markers: { before: { marked: 100, unmarked: 0 }, after: { marked: 100, unmarked: 0 } } };

describe('a camera capture that ended', () => {
  it('opened again once on the chosen camera, with the marker: no problem, though the camera is a new LocalTrack', () => {
    const step = captureStep('reopened', reopenedView());
    expect(step.capture).toMatchObject({ stepGetUserMedia: 1, stepLog: ['getUserMedia video(cam-2)'], chosenCamera: 'cam-2', liveCameraCaptures: 1, cameraProcessor: 'e2e-marker' });
    expect(stepProblems(step)).toEqual([]);
    expect(formatStep(step)).toMatch(/step gUM \+1 \[getUserMedia video\(cam-2\)\], camera published \(e2e-marker\).*\[ok\]/);
    expect(mediaSetupTable([{ engine: 'chromium', subject: 'library', run: 1, mediaSetup: [step] }])).toContain('| microphone, screenShare | published, e2e-marker, lost none, step gUM +1, live 1 |');
  });
  it('a second capture, another device, a raw camera, a leaked capture: each named', () => {
    const v = reopenedView({ captures: { getUserMedia: 6, getDisplayMedia: 1, sdkRestarts: 0 }, captureLog: [`${T + 5} getUserMedia video(cam-2)`, `${T + 9} getUserMedia video(cam-1)`], camera: { published: true, deviceId: 'cam-1', sameTrack: false, processor: null, readyState: 'live', sourceReadyState: 'live' }, liveCameraCaptures: 2 });
    expect(stepProblems(captureStep('reopened', v))).toEqual(['getUserMedia +2 in the step (expected 1: the camera opened again)', 'getUserMedia not getUserMedia video(cam-2): getUserMedia video(cam-1)', 'camera processor none', '2 live camera captures (expected 1)', 'camera lost']);
  });
  it("Chromium at 6c907db: the reopened camera restarted on the same device ~100 ms after its publish (a restartTrack) fails", () => {
    const v = reopenedView({ captures: { getUserMedia: 6, getDisplayMedia: 1, sdkRestarts: 1 }, captureLog: [`${T + 5} getUserMedia video(cam-2)`, `${T + 105} getUserMedia video(cam-2)`] });
    expect(stepProblems(captureStep('reopened', v))).toEqual(['getUserMedia +2 in the step (expected 1: the camera opened again, 1 by restartTrack)']);
  });
  it('the camera kept as it was (nothing opened) fails: the step needs the capture opened again', () => {
    const v = view({ captureLog: [] });
    expect(stepProblems(captureStep('reopened', v))).toEqual(['getUserMedia +0 in the step (expected 1: the camera opened again)']);
  });
  it('Firefox (no camera chosen): one video capture on any device, the share skipped', () => {
    const v = ffView({ captures: { getUserMedia: 5, getDisplayMedia: 1, sdkRestarts: 0 }, captureLog: [`${T + 5} getUserMedia video`], camera: { published: true, deviceId: 'ff-cam', sameTrack: false, processor: 'e2e-marker', readyState: 'live', sourceReadyState: 'live' } });
    expect(stepProblems(captureStep('reopened', v, { serverScreenShare: false, limits: ENGINE_LIMITS.firefox }))).toEqual([]);
    const audio = ffView({ captures: { getUserMedia: 5, getDisplayMedia: 1, sdkRestarts: 0 }, captureLog: [`${T + 5} getUserMedia audio+video`] });
    expect(stepProblems(captureStep('reopened', audio, { serverScreenShare: false, limits: ENGINE_LIMITS.firefox }))).toContain('getUserMedia not video only: getUserMedia audio+video');
  });
});

describe('a processor that cannot start again', () => {
  it('held back: connected, no camera on the page or the server, lostProcessors.camera, its one capture stopped', () => {
    const step = captureStep('held-back', heldView(), dark, ['call/connected', 'call/processorLost']);
    // No camera frames and no camera device are asked for: the camera is meant to be off.
    expect(step.devices.camera).toBe('none');
    expect(stepProblems(step)).toEqual([]);
    expect(formatStep(step)).toContain('camera not published, server no camera, lost camera, processorLost 1 / Restored 0, live captures 0');
  });
  it('a raw camera sent, a capture left running, no state: each named', () => {
    const v = heldView({ camera: { published: true, deviceId: 'cam-2', sameTrack: false, processor: null, readyState: 'live', sourceReadyState: 'live' }, lostProcessors: [], liveCameraCaptures: 1 });
    const step = captureStep('held-back', v, { markers: { before: { marked: 100, unmarked: 0 }, after: { marked: 100, unmarked: 40 } } });
    expect(stepProblems(step)).toEqual(['camera published on the page', 'camera listed by the server', 'lostProcessors.camera not set (none)', 'no call/processorLost', '1 camera captures still live (leaked)', '40 unmarked frames']);
    expect(stepProblems(captureStep('held-back', heldView(), { ...dark, back: false }, ['call/processorLost']))).toEqual(['not back (connected on a new Room, lostProcessors.camera)']);
  });
  it('restored: the camera back with the marker and call/processorRestored; lostProcessors left set fails', () => {
    expect(stepProblems(captureStep('restored', reopenedView(), {}, ['call/processorRestored']))).toEqual([]);
    expect(stepProblems(captureStep('restored', reopenedView({ lostProcessors: ['camera'] })))).toEqual(['lostProcessors camera', 'no call/processorRestored']);
  });
  it("the plain page's library-only steps: not played, not judged, n/a in the table", () => {
    const step = notPlayedStep('processor-broken', 'nothing (no equivalent)');
    expect(stepProblems(step)).toEqual([]);
    expect(formatStep(step)).toBe('processor-broken: n/a (nothing (no equivalent))');
    expect(mediaSetupTable([{ engine: 'chromium', subject: 'baseline', run: 1, mediaSetup: [step] }])).toContain('| chromium | 1 | baseline | processor-broken | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |');
  });
});
