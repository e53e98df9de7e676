// The baseline: what apps do today. Fetch the token once, new Room(), connect, publish. No controller.
// First: it wraps getUserMedia / getDisplayMedia before anything captures (issue 18's counters).
import { mediaSetup } from './media-setup';
import { DisconnectReason, LogLevel, Room, RoomEvent, setLogExtension, TokenSource, Track, VideoPresets, type ConnectionQuality, type Participant } from 'livekit-client';
import { collectOutboundVideo, describeLocalMedia } from './stats';
import { watchInbound } from './inbound';
import { localQuality, silenceCamera } from './faults';

const params = new URLSearchParams(location.search);
const tokenUrl = params.get('tokenUrl') ?? '';
const roomName = params.get('room') ?? 'e2e';
const identity = params.get('identity') ?? undefined;

const events: { at: number; event: string; detail?: string }[] = [];
let room: Room | undefined;
// Observation only: the SDK's warnings and errors, kept for the run's timeline (apps log these too).
const logLines: { at: number; level: string; text: string }[] = [];
setLogExtension((level, msg, context) => {
  if (level >= LogLevel.warn) logLines.push({ at: Date.now(), level: LogLevel[level] ?? String(level), text: `${msg} ${JSON.stringify(context ?? {})}`.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[token]') });
});
let status = 'idle';
const inbound = watchInbound(() => room);
// Issue 18's setup straight on the Room: what the SDK's own reconnects keep of it is the reference.
const setup = mediaSetup({
  room: () => room,
  selectDevice: (kind, deviceId) => room?.switchActiveDevice(kind, deviceId),
  setVolume: (identity, volume) => room?.remoteParticipants.get(identity)?.setVolume(volume),
  shareScreen: () => room?.localParticipant.setScreenShareEnabled(true).catch((e: unknown) => events.push({ at: Date.now(), event: 'screen-share-failed', detail: String(e) })),
  via: { devices: 'Room.switchActiveDevice', volume: 'RemoteParticipant.setVolume', screenShare: 'LocalParticipant.setScreenShareEnabled(true)' },
});

async function join() {
  const { serverUrl, participantToken } = await TokenSource.endpoint(tokenUrl).fetch({ roomName, participantIdentity: identity, participantName: identity });
  room = new Room({ videoCaptureDefaults: { resolution: VideoPresets.h540.resolution } }); // same capture size as the library page
  room
    .on(RoomEvent.Reconnecting, () => ((status = 'reconnecting'), events.push({ at: Date.now(), event: 'reconnecting' })))
    .on(RoomEvent.SignalReconnecting, () => ((status = 'reconnecting'), events.push({ at: Date.now(), event: 'signalReconnecting' })))
    .on(RoomEvent.Reconnected, () => ((status = 'connected'), events.push({ at: Date.now(), event: 'reconnected' })))
    .on(RoomEvent.ConnectionQualityChanged, (quality: ConnectionQuality, participant: Participant) => {
      if (participant === room?.localParticipant) events.push({ at: Date.now(), event: 'connectionQuality', detail: quality });
    })
    .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
      status = 'disconnected';
      events.push({ at: Date.now(), event: 'disconnected', detail: reason === undefined ? 'none' : DisconnectReason[reason] });
    });
  await room.connect(serverUrl, participantToken, { rtcConfig: { iceServers: [] } });
  status = 'connected';
  await room.localParticipant.enableCameraAndMicrophone();
}

(window as unknown as { __e2e: unknown }).__e2e = {
  kind: 'baseline',
  ready: true,
  events,
  logLines,
  localMedia: () => describeLocalMedia(room?.localParticipant),
  state: () => ({ status, identity: room?.localParticipant.identity ?? null }),
  join: () => join().catch((e: unknown) => events.push({ at: Date.now(), event: 'join-failed', detail: String(e) })),
  leave: () => room?.disconnect(),
  simulate: (scenario: string) => room?.simulateScenario(scenario as never).catch((e: unknown) => String(e)),
  identity: () => room?.localParticipant.identity ?? null,
  // What the app's button does today: flip the SDK directly, whatever the connection is doing.
  toggleCamera: () => {
    const p = room?.localParticipant;
    p?.setCameraEnabled(!p.isCameraEnabled).catch((e: unknown) => events.push({ at: Date.now(), event: 'toggle-failed', detail: String(e) }));
  },
  toggleMicrophone: () => {
    const p = room?.localParticipant;
    p?.setMicrophoneEnabled(!p.isMicrophoneEnabled).catch((e: unknown) => events.push({ at: Date.now(), event: 'toggle-failed', detail: String(e) }));
  },
  // A fresh publication (needs a negotiation, unlike mute/unmute).
  republishCamera: async () => {
    const p = room?.localParticipant;
    const track = p?.getTrackPublication(Track.Source.Camera)?.track;
    try {
      if (track) await p?.unpublishTrack(track);
      await p?.setCameraEnabled(true);
    } catch (e) {
      events.push({ at: Date.now(), event: 'republish-failed', detail: String(e) });
    }
  },
  inboundVideo: inbound.inboundVideo,
  inboundSamples: inbound.inboundSamples,
  silenceCamera: () => silenceCamera(room?.localParticipant),
  // The plain page has no profiles: it stays on livekit-client's defaults (VP8 simulcast) whatever the quality.
  quality: async () => ({ connectionQuality: localQuality(room?.localParticipant), profile: 'sdk-default', outbound: await collectOutboundVideo(room?.localParticipant.getTrackPublication(Track.Source.Camera)?.track?.sender) }),
  published: () => ({ camera: room?.localParticipant.isCameraEnabled ?? false, microphone: room?.localParticipant.isMicrophoneEnabled ?? false }),
  roomState: () => room?.state ?? null,
  ...setup,
};
