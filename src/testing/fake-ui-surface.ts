import { ConnectionState, ParticipantEvent, RoomEvent, TrackEvent } from 'livekit-client';
import { TinyEmitter } from './tiny-emitter';

/** What components-react reads of a publication: its source, track and mute state, with events. */
export interface FakeUiPublication {
  trackSid: string;
  source: string;
  track?: { isMuted: boolean; kind: string } | undefined;
}

/** A LocalTrackPublication as components-react's tiles read it (mute state, kind, events). */
export class FakeLocalPublication<T extends { isMuted: boolean; kind: string }> extends TinyEmitter {
  readonly isSubscribed = true;
  readonly isEnabled = true;
  readonly trackName = '';
  constructor(
    readonly trackSid: string,
    readonly source: string,
    readonly track: T | undefined,
  ) {
    super();
  }
  get isMuted(): boolean {
    return this.track?.isMuted ?? true;
  }
  get kind(): string | undefined {
    return this.track?.kind;
  }
}

/** Every permission on, as a token with the usual grants gives (ControlBar shows only what may be published). */
const ALL_PERMISSIONS = { canPublish: true, canSubscribe: true, canPublishData: true, canPublishSources: [] as number[], hidden: false, canUpdateMetadata: true, canSubscribeMetrics: false };

/**
 * The part of a LocalParticipant that components-react reads and listens to (`useTrackToggle`,
 * `useLocalParticipant`, `ControlBar`'s permissions), so its real components run on the Room double.
 */
export class FakeParticipantSurface<P extends FakeUiPublication = FakeUiPublication> extends TinyEmitter {
  identity = '';
  name = '';
  metadata: string | undefined = undefined;
  attributes: Record<string, string> = {};
  readonly isLocal = true;
  readonly sid = 'PA_fake';
  isSpeaking = false;
  audioLevel = 0;
  connectionQuality = 'excellent';
  lastSpokeAt: Date | undefined = undefined;
  permissions = { ...ALL_PERMISSIONS };
  readonly trackPublications = new Map<string, P>();

  /** livekit-client's `getTrackPublication(Track.Source)`: the publication of that source, if any. */
  getTrackPublication(source: string) {
    return [...this.trackPublications.values()].find((p) => p.source === source);
  }
  getTrackPublications() {
    return [...this.trackPublications.values()];
  }

  /** Chat messages sent through this participant (components-core's `useChat().send`). */
  readonly sentTexts: { text: string; topic: string | undefined }[] = [];
  async sendText(text: string, options?: { topic?: string }) {
    this.sentTexts.push({ text, topic: options?.topic });
    return { id: `TX_${this.sentTexts.length}`, topic: options?.topic ?? '', timestamp: Date.now(), size: text.length };
  }
  /** The legacy chat packet components-core sends beside it. */
  async publishData(): Promise<void> {}

  /** A local publication changed: the Room hears it (the controller) and so does the participant (components-react). */
  protected announce(room: TinyEmitter, roomEvent: string, pub: object, participantEvent: string = roomEvent): void {
    room.emit(roomEvent, pub, this);
    this.emit(participantEvent, pub);
  }

  /** Mute state changes are publication and participant events in livekit-client (the Room re-emits them). */
  protected announceMute(pub: object | undefined, muted: boolean): void {
    if (!pub) return;
    if (pub instanceof TinyEmitter) pub.emit(muted ? TrackEvent.Muted : TrackEvent.Unmuted);
    this.emit(muted ? ParticipantEvent.TrackMuted : ParticipantEvent.TrackUnmuted, pub);
  }
}

/** The Room surface components-react touches beyond the controller's: chat handlers, playback, lookups. */
export class FakeRoomSurface extends TinyEmitter {
  private connectionState: ConnectionState = ConnectionState.Disconnected;
  /** As livekit-client: every change is a ConnectionStateChanged (components-react's useConnectionState). */
  get state(): ConnectionState {
    return this.connectionState;
  }
  set state(next: ConnectionState) {
    if (next === this.connectionState) return;
    this.connectionState = next;
    this.emit(RoomEvent.ConnectionStateChanged, next);
  }
  canPlaybackAudio = true;
  canPlaybackVideo = true;
  serverInfo: { edition?: number; version?: string } | undefined = undefined;
  readonly textStreamHandlers = new Map<string, unknown>();
  readonly byteStreamHandlers = new Map<string, unknown>();

  registerTextStreamHandler(topic: string, handler: unknown): void {
    this.textStreamHandlers.set(topic, handler);
  }
  unregisterTextStreamHandler(topic: string): void {
    this.textStreamHandlers.delete(topic);
  }
  registerByteStreamHandler(topic: string, handler: unknown): void {
    this.byteStreamHandlers.set(topic, handler);
  }
  unregisterByteStreamHandler(topic: string): void {
    this.byteStreamHandlers.delete(topic);
  }
  async startAudio(): Promise<void> {}
  async startVideo(): Promise<void> {}
}
