import { type ConnectionQuality, ConnectionState, DisconnectReason, EngineEvent, RoomEvent, decodeTokenPayload, type RoomConnectOptions, type RoomOptions } from 'livekit-client';
import type { CallRoom } from '../connection/room-surface';
import { DEVICE_KIND, FakeLocalParticipant, type FakeSource } from './fake-participant';
import { makeTestToken } from './test-token-source';
import { TinyEmitter } from './tiny-emitter';
import { FakeRoomSurface } from './fake-ui-surface';
import type { FakeDeviceList } from './fake-devices';
import type { FakeConnectCall, FakeConnectStep, FakeRemoteParticipant } from './fake-room-types';

export type { FakeConnectCall, FakeConnectStep, FakeRemoteParticipant } from './fake-room-types';

/**
 * A Room double with the surface the controller uses (API.md). It emits real `RoomEvent` values
 * and lets a test play the SDK: resume, restart, give up, be kicked, or refuse a connect.
 */
export class FakeRoom extends FakeRoomSurface implements CallRoom {
  name = '';
  readonly localParticipant: FakeLocalParticipant;
  readonly connectCalls: FakeConnectCall[] = [];
  /** Stands in for livekit-client's RTCEngine: it announces the server's refresh tokens. */
  readonly engine = new TinyEmitter();
  private serverToken?: string;
  disconnectCalls = 0;
  /** How long `disconnect()` takes to resolve (a Room stuck mid-restart can take seconds). */
  disconnectDelayMs = 0;

  constructor(
    readonly options: RoomOptions,
    private readonly nextConnectStep: () => FakeConnectStep,
  ) {
    super();
    this.localParticipant = new FakeLocalParticipant(this);
  }

  async connect(url: string, token: string, options?: RoomConnectOptions): Promise<void> {
    let payload: { exp?: number; sub?: string; video?: { room?: string } } = {};
    try {
      payload = decodeTokenPayload(token);
    } catch {
      // a malformed token is the server's to refuse; the double just records it
    }
    this.connectCalls.push({ url, token, options, exp: payload.exp, identity: payload.sub });
    const step = this.nextConnectStep();
    this.state = ConnectionState.Connecting;
    if (step.hang) return new Promise<void>(() => undefined);
    if (step.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (this.state !== ConnectionState.Connecting) throw Object.assign(new Error('Client initiated disconnect'), { name: 'ConnectionError', reason: 3 });
    if (step.error !== undefined) {
      this.state = ConnectionState.Disconnected;
      throw step.error;
    }
    this.name = payload.video?.room ?? 'fake-room';
    this.localParticipant.identity = payload.sub ?? 'fake-identity';
    this.state = ConnectionState.Connected;
    this.emit(RoomEvent.Connected);
  }

  async disconnect(stopTracks = true): Promise<void> {
    this.disconnectCalls += 1;
    if (this.state === ConnectionState.Disconnected) return;
    if (this.disconnectDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.disconnectDelayMs));
    if ((this.state as ConnectionState) === ConnectionState.Disconnected) return;
    this.letGoOfTracks(stopTracks);
    this.state = ConnectionState.Disconnected;
    this.emit(RoomEvent.Disconnected, DisconnectReason.CLIENT_INITIATED);
  }

  /** livekit-client's handleDisconnect: every local track unpublished (stopped unless told not to) before the state says so. */
  private letGoOfTracks(stop: boolean): void {
    for (const pub of [...this.localParticipant.trackPublications.values()]) {
      const track = pub.track;
      if (!track) continue;
      void this.localParticipant.unpublishTrack(track, stop);
      // The Room's AudioContext goes with it, and a retained audio track's processor stops (setAudioContext(undefined)).
      if (!stop && track.kind === 'audio') void Promise.resolve().then(() => Promise.resolve()).then(() => track.stopProcessor());
    }
  }

  /** Devices the "browser" has; a pick of one that is not there fails as getUserMedia would. */
  devices: FakeDeviceList | undefined;
  readonly activeDevices = new Map<string, string>();

  /** As livekit-client: the Room's capture defaults, the live track's device, then ActiveDeviceChanged. */
  async switchActiveDevice(kind: MediaDeviceKind, deviceId: string, exact = true): Promise<boolean> {
    if (exact && this.devices && !this.devices.has(kind, deviceId)) throw Object.assign(new Error(`Requested device not found: ${deviceId}`), { name: 'NotFoundError' });
    const source = kind === 'videoinput' ? 'camera' : kind === 'audioinput' ? 'microphone' : undefined;
    const defaults = kind === 'videoinput' ? this.options.videoCaptureDefaults : kind === 'audioinput' ? this.options.audioCaptureDefaults : undefined;
    if (defaults) defaults.deviceId = exact ? { exact: deviceId } : deviceId;
    const track = source ? this.localParticipant.publicationOf(source)?.track : undefined;
    if (track) track.deviceId = deviceId;
    this.activeDevices.set(kind, deviceId);
    this.emit(RoomEvent.ActiveDeviceChanged, kind, deviceId);
    return true;
  }
  getActiveDevice(kind: MediaDeviceKind): string | undefined {
    const source = kind === 'videoinput' ? 'camera' : kind === 'audioinput' ? 'microphone' : undefined;
    const track = source ? this.localParticipant.publicationOf(source)?.track : undefined;
    return track?.deviceId ?? this.activeDevices.get(kind) ?? (kind === 'audiooutput' ? this.options.audioOutput?.deviceId : undefined);
  }

  readonly remoteParticipants = new Map<string, FakeRemoteParticipant>();
  /** A remote participant joins (ParticipantConnected); `volume` records what setVolume set. */
  simulateParticipantJoined(identity: string): FakeRemoteParticipant {
    const participant: FakeRemoteParticipant = { identity, volume: 1, setVolume(volume) { this.volume = volume; } };
    this.remoteParticipants.set(identity, participant);
    this.emit(RoomEvent.ParticipantConnected, participant);
    return participant;
  }

  // ---- the SDK's behaviour, on cue ----
  /** Signal lost; the SDK tries to resume. */
  simulateSignalReconnecting(): void {
    this.reannounceToken();
    this.state = ConnectionState.SignalReconnecting;
    this.emit(RoomEvent.SignalReconnecting);
  }
  /** Media path lost; the SDK restarts. */
  simulateReconnecting(): void {
    this.reannounceToken();
    this.state = ConnectionState.Reconnecting;
    this.emit(RoomEvent.Reconnecting);
  }
  /** livekit-client's engine emits TokenRefreshed with the token it holds before it schedules a reconnect attempt. */
  private reannounceToken(): void {
    const held = this.serverToken ?? this.connectCalls[this.connectCalls.length - 1]?.token;
    if (held) this.engine.emit(EngineEvent.TokenRefreshed, held);
  }
  simulateReconnected(): void {
    this.state = ConnectionState.Connected;
    this.emit(RoomEvent.Reconnected);
  }
  /** The server ends us (PARTICIPANT_REMOVED, SERVER_SHUTDOWN…) or, with no reason, the SDK gave up. */
  simulateDisconnected(reason?: DisconnectReason): void {
    this.letGoOfTracks(this.options.stopLocalTrackOnUnpublish ?? true);
    this.state = ConnectionState.Disconnected;
    this.emit(RoomEvent.Disconnected, reason);
  }
  /** A resume that hit 401 `token is expired`: livekit-client stops retrying and emits Disconnected without reason. */
  simulateSdkGiveUp(): void {
    if (this.state === ConnectionState.Connected) this.simulateReconnecting();
    this.simulateDisconnected(undefined);
  }
  /** Events the controller must not turn into actions. */
  emitChattyEvents(count: number): void {
    const events = [RoomEvent.ActiveSpeakersChanged, RoomEvent.ConnectionQualityChanged, RoomEvent.TrackSubscribed, RoomEvent.TrackUnsubscribed, RoomEvent.AudioPlaybackStatusChanged, RoomEvent.DataReceived];
    for (let i = 0; i < count; i++) this.emit(events[i % events.length]!, [], {});
  }
  /** The server's verdict on our own connection, as the Room re-emits it (livekit-client emits only changes). */
  simulateConnectionQuality(quality: ConnectionQuality): void {
    this.emit(RoomEvent.ConnectionQualityChanged, quality, this.localParticipant);
  }
  /** The server pushed a fresh token over signal (it does so every 5 minutes). */
  simulateServerTokenRefresh(ttlSeconds: number): void {
    const identity = this.localParticipant.identity;
    this.serverToken = makeTestToken({ identity, roomName: this.name, ttlSeconds });
    this.engine.emit(EngineEvent.TokenRefreshed, this.serverToken);
  }
  /** As livekit-client emits it for `source` (default camera): with the device kind, none for a screen share. */
  simulateMediaDevicesError(error: unknown, source: FakeSource = 'camera'): void {
    this.emit(RoomEvent.MediaDevicesError, error, DEVICE_KIND[source]);
  }
}
