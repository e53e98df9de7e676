// Which scenarios run in which engine. Chromium runs all of them; Firefox runs the ones whose
// outcome depends on the browser, so that `make test` stays within 45 minutes on the 2-core machine
// (e2e/README.md has the measured budget).
import type { Engine } from '../harness/e2e-page';
import { migration, nodeFailure, serverLeave, serverRestart, tokenOutage, type Scenario } from './scenarios';
import { answersDropped, removeParticipant, toggleStorm } from './scenarios-media';
import { twoNodes } from './scenario-cluster';
import { cutPastSdkBudget, shortCut, tokenEndpointDownThenCut, twoServerLeaves } from './scenarios-timing';
import { cameraSenderSilent, remoteVideoStale, sfuFrozen } from './scenarios-health';
import { sustainedLoss } from './scenario-quality';
import { mediaSetupAcrossReconnects } from './scenario-media-setup';
import { e2eeAcrossReconnects } from './scenario-e2ee';
import { componentsToggleStorm } from './scenario-components';

export const ALL: Scenario[] = [
  tokenOutage,
  shortCut,
  tokenEndpointDownThenCut,
  cutPastSdkBudget,
  serverRestart,
  nodeFailure,
  migration,
  serverLeave,
  twoServerLeaves,
  toggleStorm,
  answersDropped,
  removeParticipant,
  twoNodes,
  // Issue 14: media that dies while the call says connected, and quality-driven profiles.
  sfuFrozen,
  remoteVideoStale,
  cameraSenderSilent,
  sustainedLoss,
  // Issue 18: a controlled reconnect keeps the media setup (tracks, devices, processor, volume, screen share). One run; Firefox too.
  mediaSetupAcrossReconnects,
  // Issue 19: end-to-end encryption on every Room the controller builds, checked on the server. One run.
  e2eeAcrossReconnects,
  // Issue 20: the toggle storm clicked on components-react's VideoConference ControlBar. One run.
  componentsToggleStorm,
];

/**
 * Firefox: the browser's own part of each production error. Its WebSocket (failed-connect delays,
 * its 401 handling), ICE restart on resume and signal reconnect (`short-signal-cut`,
 * `signal-outage-past-token-exp`: the 401 itself), `removeTrack` and
 * renegotiation while publishing (`toggle-storm-during-reconnect`,
 * `answers-dropped-negotiation-fallback`: Firefox's simulcast and SDP), a leave (`server-leave`),
 * a terminal removal, and `media-setup-across-reconnects` (tracks moved between Rooms and a canvas
 * processor on the camera, in Firefox's own WebRTC; its 2nd camera, 3rd microphone, speaker and
 * screen share are skipped with their reason: headless Firefox has none, media-setup-limits.ts;
 * its library-only capture steps run in Chromium only: CAPTURE_STEP_ENGINES).
 * Chromium only: the faults that live on the server side and reach the
 * browser as the same full reconnect that node-failure already shows (server restart, migration,
 * two server leaves, two nodes on Redis), the 2.5-minute token-endpoint-down scenario, whose
 * subject is the library's token refresh (no browser API in it), and the media-health scenarios
 * (the watchdog reads the same getStats fields in both engines; the faults are on the server and
 * the wire). Not `cut-past-sdk-retry-budget` (~250 s of the budget): in Firefox the library's SDK
 * budget is 10 s / 6 attempts (firefox-defaults.ts), so the 40 s cut of
 * `signal-outage-past-token-exp` already goes past it, and its controlled reconnect after the
 * SDK gave up is what that scenario shows.
 */
const FIREFOX: Scenario[] = [tokenOutage, shortCut, nodeFailure, serverLeave, toggleStorm, answersDropped, removeParticipant, mediaSetupAcrossReconnects, e2eeAcrossReconnects, componentsToggleStorm];

export const PLAN: Record<Engine, Scenario[]> = { chromium: ALL, firefox: FIREFOX };

/** `E2E_ONLY=a,b` narrows every engine's list. */
export function scenariosFor(engine: Engine, only = process.env.E2E_ONLY?.split(',')): Scenario[] {
  return PLAN[engine].filter((s) => !only || only.includes(s.name));
}
