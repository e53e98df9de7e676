import { ParticipantEvent, RoomEvent } from 'livekit-client';
import type { CallLocalParticipant } from '../connection/room-surface';
import type { FakeLocalTrack} from './fake-tracks';
import { TRACK_SOURCE, captureAsSdk } from './fake-tracks';
import type { TinyEmitter } from './tiny-emitter';
import { FakeLocalPublication, FakeParticipantSurface } from './fake-ui-surface';
import type { FakeToggleCall, FakeToggleStep } from './fake-toggle-records';

export interface FakePublication {
  trackSid: string;
  source: string;
  track?: FakeLocalTrack;
}

/** What the participant needs of its Room to open captures the way livekit-client does. */
export interface FakeParticipantRoom extends TinyEmitter {
  readonly devices?: { has(kind: string, deviceId: string): boolean };
  readonly options: { videoCaptureDefaults?: { deviceId?: unknown; processor?: unknown }; audioCaptureDefaults?: { deviceId?: unknown; processor?: unknown } };
}

let nextSid = 0;

export type FakeSource = 'camera' | 'microphone' | 'screenShare';

// livekit-client's sourceToKind: a screen share has no device kind.
export const DEVICE_KIND: Record<FakeSource, string | undefined> = { camera: 'videoinput', microphone: 'audioinput', screenShare: undefined };

export type { FakeToggleStep, FakeToggleCall } from './fake-toggle-records';

/** The Room double's local participant: records every SDK call and how many overlapped. */
export class FakeLocalParticipant extends FakeParticipantSurface<FakePublication> implements CallLocalParticipant {
  private readonly enabled: Record<FakeSource, boolean> = { camera: false, microphone: false, screenShare: false };
  private readonly inFlight: Record<FakeSource, number> = { camera: 0, microphone: 0, screenShare: 0 };
  private readonly script: Record<FakeSource, FakeToggleStep[]> = { camera: [], microphone: [], screenShare: [] };
  readonly calls: FakeToggleCall[] = [];
  /** Every capture this participant opened (getUserMedia / getDisplayMedia), including a camera's restart on unmute. */
  readonly captures: FakeSource[] = [];
  /** Every track this participant captured, in order. */
  readonly tracks: FakeLocalTrack[] = [];
  /** Delay of every toggle without a scripted step. */
  defaultDelayMs = 0;
  maxConcurrent = 0;

  constructor(private readonly room: FakeParticipantRoom) {
    super();
  }

  get isCameraEnabled() {
    return this.enabled.camera;
  }
  get isMicrophoneEnabled() {
    return this.enabled.microphone;
  }
  get isScreenShareEnabled() {
    return this.enabled.screenShare;
  }

  /** Next toggles of `source` follow these steps in order (then succeed at `defaultDelayMs`). */
  scriptToggle(source: FakeSource, ...steps: FakeToggleStep[]): this {
    this.script[source].push(...steps);
    return this;
  }

  /** Drops every scripted step not yet used (the faults stop). */
  clearScript(): void {
    for (const steps of Object.values(this.script)) steps.length = 0;
  }

  /** Changes the live state as the SDK would (e.g. a republish after reconnect), with its events. */
  forceEnabled(source: FakeSource, enabled: boolean): void {
    if (this.enabled[source] === enabled) return;
    this.enabled[source] = enabled;
    this.room.emit(enabled ? RoomEvent.LocalTrackPublished : RoomEvent.LocalTrackUnpublished, { source }, this);
    this.announceMute(this.publicationOf(source), !enabled);
  }

  /** The publication of a source (camera, microphone, screen share), as `getTrackPublication` would find it. */
  publicationOf(source: FakeSource): FakePublication | undefined {
    return [...this.trackPublications.values()].find((p) => p.source === TRACK_SOURCE[source]);
  }

  async publishTrack(track: FakeLocalTrack, options?: { source?: string }): Promise<FakePublication> {
    if (options?.source) track.source = options.source;
    const source = (Object.keys(TRACK_SOURCE) as FakeSource[]).find((s) => TRACK_SOURCE[s] === track.source);
    const step = source ? this.script[source].shift() : undefined;
    if (step?.delayMs) await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    if (step?.error !== undefined) throw step.error;
    const pub: FakePublication = new FakeLocalPublication(`TR_${track.source}_${++nextSid}`, track.source, track);
    this.trackPublications.set(pub.trackSid, pub);
    if (source) this.enabled[source] = !track.isMuted;
    this.announce(this.room, RoomEvent.LocalTrackPublished, pub, ParticipantEvent.LocalTrackPublished);
    return pub;
  }

  async unpublishTrack(track: FakeLocalTrack, stopOnUnpublish = true): Promise<FakePublication | undefined> {
    const pub = [...this.trackPublications.values()].find((p) => p.track === track);
    if (!pub) return undefined;
    this.trackPublications.delete(pub.trackSid);
    const source = (Object.keys(TRACK_SOURCE) as FakeSource[]).find((s) => TRACK_SOURCE[s] === track.source);
    if (source && !this.publicationOf(source)) this.enabled[source] = false;
    if (stopOnUnpublish) track.stop();
    this.announce(this.room, RoomEvent.LocalTrackUnpublished, pub, ParticipantEvent.LocalTrackUnpublished);
    return pub;
  }

  /** As livekit-client's set*Enabled: a camera or microphone is muted and unmuted, a screen share unpublished. */
  private async applyTrack(source: FakeSource, enabled: boolean, capture?: { deviceId?: unknown; processor?: unknown }): Promise<void> {
    const pub = this.publicationOf(source);
    if (!pub?.track) {
      if (enabled) await this.publishTrack(await this.capture(source, capture));
      else this.forceEnabled(source, false);
      return;
    }
    if (source === 'screenShare' && !enabled) {
      await this.unpublishTrack(pub.track, true);
      return;
    }
    const restarts = pub.track.restarts;
    if (enabled && pub.track.isMuted) await pub.track.unmute();
    if (!enabled && !pub.track.isMuted) await pub.track.mute();
    if (pub.track.restarts > restarts) this.captures.push(source);
    this.forceEnabled(source, enabled);
  }

  /** As livekit-client: a processor in the options or defaults is set before it returns; one that fails throws, and the capture is left running. */
  private async capture(source: FakeSource, options?: { deviceId?: unknown; processor?: unknown }): Promise<FakeLocalTrack> {
    this.captures.push(source);
    const { track, processor } = captureAsSdk(source, this.room, options);
    this.tracks.push(track);
    if (processor) await track.setProcessor(processor);
    return track;
  }

  /** livekit-client's `createTracks`: a camera and/or microphone capture with the Room's defaults, not published. */
  async createTracks(options: { audio?: unknown; video?: unknown } = {}): Promise<FakeLocalTrack[]> {
    const wanted = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { deviceId?: unknown }) : undefined);
    const audio = options.audio ? [await this.capture('microphone', wanted(options.audio))] : [];
    return [...audio, ...(options.video ? [await this.capture('camera', wanted(options.video))] : [])];
  }

  setCameraEnabled(enabled: boolean, ...args: unknown[]) {
    return this.toggle('camera', enabled, args);
  }
  setMicrophoneEnabled(enabled: boolean, ...args: unknown[]) {
    return this.toggle('microphone', enabled, args);
  }
  setScreenShareEnabled(enabled: boolean, ...args: unknown[]) {
    return this.toggle('screenShare', enabled, args);
  }

  /** Resolves with the source's publication, as livekit-client does. */
  private async toggle(source: FakeSource, enabled: boolean, args: unknown[]): Promise<FakePublication | undefined> {
    const step = this.script[source].shift() ?? {};
    this.calls.push({ source, enabled, at: Date.now(), concurrent: this.inFlight[source], args });
    this.inFlight[source] += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight[source]);
    try {
      const delayMs = step.delayMs ?? this.defaultDelayMs;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (step.error !== undefined) {
        if (step.mediaDevicesError) this.room.emit(RoomEvent.MediaDevicesError, step.error, DEVICE_KIND[source]);
        throw step.error;
      }
      await this.applyTrack(source, enabled, typeof args[0] === 'object' && args[0] !== null ? (args[0] as { processor?: unknown }) : undefined);
      return this.publicationOf(source);
    } finally {
      this.inFlight[source] -= 1;
    }
  }
}
