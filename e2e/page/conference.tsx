// Issue 20's page: components-react's VideoConference, unchanged, inside the library's
// CallRoomProvider, on a controller set up as library.ts sets up its own (same token source,
// logger and alert capture, action recorder, capture size). library.ts builds its controller at
// load and exports nothing, so its setup is repeated here rather than imported; the window.__e2e
// part the harness reads (state, join, published, identity, localMedia, actions/alerts/logLines)
// is the same, so status() and assess() judge this page as they judge library.ts.
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { VideoConference } from '@livekit/components-react';
import { Room, TokenSource, type RoomOptions } from 'livekit-client';
import { callActions, createCallController, installCallErrorFilter, routeLiveKitLogs, type CallAlert } from '../../src/index';
import { CallRoomProvider, ReconnectingBanner, useCallRoom } from '../../src/react';
import { PAGE_VIDEO_PROFILES, recordedCallStore, type RecordedAction } from './page-store';
import { describeLocalMedia } from './stats';

const params = new URLSearchParams(location.search);
const tokenUrl = params.get('tokenUrl') ?? '';
const roomName = params.get('room') ?? 'e2e';
const identity = params.get('identity') ?? undefined;

const actions: RecordedAction[] = [];
const alerts: CallAlert[] = [];
const logLines: { at: number; level: string; text: string }[] = [];
const capture = (level: string) => (...args: unknown[]) => logLines.push({ at: Date.now(), level, text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
const logger = { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') };

routeLiveKitLogs(logger);
const filter = installCallErrorFilter({ onAlert: (alert) => alerts.push(alert) });

const controller = createCallController({
  tokenSource: TokenSource.endpoint(tokenUrl),
  connectOptions: { rtcConfig: { iceServers: [] } },
  createRoom: (options: RoomOptions) => new Room(options),
  onAlert: (alert) => alerts.push(alert),
  logger,
  tokenFetchTimeoutMs: 5_000,
  videoProfiles: PAGE_VIDEO_PROFILES,
});
const store = recordedCallStore(controller, actions);
const current = () => controller.getRoom();

function Stage() {
  // VideoConference needs a Room: none before join (docs/react.md).
  return useCallRoom() ? <VideoConference /> : null;
}

// No components-styles (its CSS is not loaded by the harness's html): the tiles' videos are kept
// and placeholders kept small, and the banner out of the flow, so that the control bar stays in the
// viewport and does not move while tiles and the banner come and go.
const style = document.createElement('style');
style.textContent = 'video { width: 160px; height: 90px; } svg { width: 24px; height: 24px; } .lk-device-menu { display: none; } .rlc-call-banner { position: fixed; right: 0; bottom: 0; }';
document.head.append(style);
const mount = document.createElement('div');
document.body.append(mount);
createRoot(mount).render(
  <Provider store={store}>
    <CallRoomProvider controller={controller}>
      <div data-lk-theme="default" className="lk-room-container">
        <ReconnectingBanner />
        <Stage />
      </div>
    </CallRoomProvider>
  </Provider>,
);

(window as unknown as { __e2e: unknown }).__e2e = {
  kind: 'library',
  ready: true,
  actions,
  alerts,
  logLines,
  state: () => store.getState().call,
  filterStats: () => filter.stats(),
  join: (camera = true, microphone = true) => store.dispatch(callActions.join({ roomName, participantIdentity: identity, participantName: identity ?? 'guest', camera, microphone })),
  leave: () => store.dispatch(callActions.leave()),
  identity: () => current()?.localParticipant.identity ?? null,
  roomState: () => current()?.state ?? null,
  published: () => {
    const p = current()?.localParticipant;
    return { camera: p?.isCameraEnabled ?? false, microphone: p?.isMicrophoneEnabled ?? false };
  },
  localMedia: () => describeLocalMedia(current()?.localParticipant),
  /** What the button `selector` finds shows now: absent, natively disabled (its toggle pending), aria-pressed. */
  button: (selector: string) => {
    const el = document.querySelector<HTMLButtonElement>(selector);
    return el ? { present: true, disabled: el.disabled, pressed: el.getAttribute('aria-pressed') === 'true' } : { present: false, disabled: true, pressed: false };
  },
  timeline: () => actions.map(({ at, action }) => `${at} ${action.type}`),
};
