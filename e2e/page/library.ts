// The library under test in a real browser: a real store, the controller, TokenSource.endpoint.
// First: it wraps getUserMedia / getDisplayMedia before anything captures (issue 18's counters).
import { mediaSetup } from './media-setup';
import type { UnknownAction } from '@reduxjs/toolkit';
import { Room, TokenSource, Track, type E2EEOptions, type RoomOptions } from 'livekit-client';
import { callActions, createCallController, installCallErrorFilter, routeLiveKitLogs, type CallAlert } from '../../src/index';
import { collectOutboundVideo, describeLocalMedia } from './stats';
import { watchInbound } from './inbound';
import { PAGE_VIDEO_PROFILES, recordedCallStore, type RecordedAction } from './page-store';
import { localQuality, silenceCamera } from './faults';

const params = new URLSearchParams(location.search);
const tokenUrl = params.get('tokenUrl') ?? '';
const roomName = params.get('room') ?? 'e2e';
const identity = params.get('identity') ?? undefined;
// The watchdog's and the quality policy's windows, shortened by the scenarios that test them; absent = the library's defaults.
const num = (name: string) => (params.has(name) ? Number(params.get(name)) : undefined);
const hdRetry = params.get('hdRetry') === 'auto' || params.get('hdRetry') === 'offer' ? (params.get('hdRetry') as 'auto' | 'offer') : undefined;

const actions: RecordedAction[] = [];
const alerts: CallAlert[] = [];
const logLines: { at: number; level: string; text: string }[] = [];
const capture = (level: string) => (...args: unknown[]) => logLines.push({ at: Date.now(), level, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
const logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

routeLiveKitLogs(logger);
/** Of `alerts`, the ones installCallErrorFilter sent (issue 19 tells them from the controller's). */
const filterAlerts: CallAlert[] = [];
const filter = installCallErrorFilter({ onAlert: (alert) => {
    alerts.push(alert);
    filterAlerts.push(alert);
  },
});

const controller = createCallController({
  tokenSource: TokenSource.endpoint(tokenUrl),
  // Set only by e2ee.ts (issue 19) before it loads this page; absent everywhere else.
  e2ee: (globalThis as { __e2eeOptions?: E2EEOptions }).__e2eeOptions,
  connectOptions: { rtcConfig: { iceServers: [] } },
  createRoom: (options: RoomOptions) => new Room(options),
  onAlert: (alert) => alerts.push(alert),
  logger,
  tokenFetchTimeoutMs: 5_000,
  staleMediaMs: num('staleMediaMs'),
  mediaSampleMs: num('mediaSampleMs'),
  poorQualityMs: num('poorQualityMs'),
  hdRetryAfterMs: num('hdRetryAfterMs'),
  hdRetry,
  mediaWatchdog: params.get('mediaWatchdog') !== 'false',
  reconnectCooldownMs: num('reconnectCooldownMs'),
  videoProfiles: PAGE_VIDEO_PROFILES,
});
const store = recordedCallStore(controller, actions);

const current = () => controller.getRoom();
const inbound = watchInbound(current);
// Issue 18's actions, looked up by name so that this page builds before and after they land;
// without them the page does what an app does today: straight on the Room in use.
const issue18 = callActions as unknown as Partial<Record<'selectDevice' | 'setParticipantVolume', (payload: unknown) => UnknownAction>>;
const setup = mediaSetup({
  room: current,
  selectDevice: (kind, deviceId) => (issue18.selectDevice ? store.dispatch(issue18.selectDevice({ kind, deviceId })) : current()?.switchActiveDevice(kind, deviceId)),
  setVolume: (identity, volume) => (issue18.setParticipantVolume ? store.dispatch(issue18.setParticipantVolume({ identity, volume })) : current()?.remoteParticipants.get(identity)?.setVolume(volume)),
  shareScreen: () => store.dispatch(callActions.toggleScreenShare(true)),
  via: {
    devices: issue18.selectDevice ? 'callActions.selectDevice' : 'Room.switchActiveDevice (no callActions.selectDevice)',
    volume: issue18.setParticipantVolume ? 'callActions.setParticipantVolume' : 'RemoteParticipant.setVolume (no callActions.setParticipantVolume)',
    screenShare: 'callActions.toggleScreenShare(true)',
  },
  stateDevices: () => (store.getState().call as { devices?: unknown }).devices ?? null,
  lostProcessors: () => store.getState().call.lostProcessors,
});

(window as unknown as { __e2e: unknown }).__e2e = {
  kind: 'library',
  ready: true,
  actions,
  alerts,
  filterAlerts,
  logLines,
  state: () => store.getState().call,
  filterStats: () => filter.stats(),
  join: (camera = true, microphone = true) => store.dispatch(callActions.join({ roomName, participantIdentity: identity, participantName: identity ?? 'guest', camera, microphone })),
  leave: () => store.dispatch(callActions.leave()),
  toggleCamera: (wanted?: boolean) => store.dispatch(callActions.toggleCamera(wanted)),
  toggleMicrophone: (wanted?: boolean) => store.dispatch(callActions.toggleMicrophone(wanted)),
  setVideoProfile: (profile: 'hd' | 'stable') => store.dispatch(callActions.setVideoProfile(profile)),
  forceReconnect: (reason: string) => store.dispatch(callActions.forceReconnect({ reason })),
  simulate: (scenario: string) => current()?.simulateScenario(scenario as never).catch((e: unknown) => String(e)),
  identity: () => current()?.localParticipant.identity ?? null,
  roomState: () => current()?.state ?? null,
  published: () => {
    const p = current()?.localParticipant;
    return { camera: p?.isCameraEnabled ?? false, microphone: p?.isMicrophoneEnabled ?? false };
  },
  outboundVideo: async () => {
    const pub = current()?.localParticipant.getTrackPublication(Track.Source.Camera);
    return pub?.track ? collectOutboundVideo(pub.track.sender) : null;
  },
  localMedia: () => describeLocalMedia(current()?.localParticipant),
  inboundVideo: inbound.inboundVideo,
  inboundSamples: inbound.inboundSamples,
  silenceCamera: () => silenceCamera(current()?.localParticipant),
  // How the server grades each remote participant (the watchdog holds back a reconnect for a publisher graded poor/lost).
  remoteQuality: () => Object.fromEntries([...(current()?.remoteParticipants.values() ?? [])].map((p) => [p.identity, p.connectionQuality])),
  quality: async () => ({ connectionQuality: localQuality(current()?.localParticipant), profile: store.getState().call.videoProfile, outbound: await collectOutboundVideo(current()?.localParticipant.getTrackPublication(Track.Source.Camera)?.track?.sender) }),
  timeline: () => actions.map(({ at, action }) => `${at} ${action.type}`),
  ...setup,
};
