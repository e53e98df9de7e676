import { RoomEvent } from 'livekit-client';
import type { CallLocalParticipant } from '../connection/room-surface';
import type { TinyEmitter } from './tiny-emitter';

export type FakeSource = 'camera' | 'microphone' | 'screenShare';

// livekit-client's sourceToKind: a screen share has no device kind.
export const DEVICE_KIND: Record<FakeSource, string | undefined> = { camera: 'videoinput', microphone: 'audioinput', screenShare: undefined };

/** A scripted outcome for the next set*Enabled call of one source. */
export type FakeToggleStep = {
  delayMs?: number;
  error?: unknown;
  /** As livekit-client does when creating the track fails: emit `MediaDevicesError` with the error, then reject with it. */
  mediaDevicesError?: boolean;
};

export interface FakeToggleCall {
  source: FakeSource;
  enabled: boolean;
  at: number;
  /** Calls of this source in flight when this one started (0 = serialized). */
  concurrent: number;
}

/** The Room double's local participant: records every SDK call and how many overlapped. */
export class FakeLocalParticipant implements CallLocalParticipant {
  identity = '';
  private readonly enabled: Record<FakeSource, boolean> = { camera: false, microphone: false, screenShare: false };
  private readonly inFlight: Record<FakeSource, number> = { camera: 0, microphone: 0, screenShare: 0 };
  private readonly script: Record<FakeSource, FakeToggleStep[]> = { camera: [], microphone: [], screenShare: [] };
  readonly calls: FakeToggleCall[] = [];
  /** Delay of every toggle without a scripted step. */
  defaultDelayMs = 0;
  maxConcurrent = 0;

  constructor(private readonly room: TinyEmitter) {}

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
  }

  setCameraEnabled(enabled: boolean) {
    return this.toggle('camera', enabled);
  }
  setMicrophoneEnabled(enabled: boolean) {
    return this.toggle('microphone', enabled);
  }
  setScreenShareEnabled(enabled: boolean) {
    return this.toggle('screenShare', enabled);
  }

  private async toggle(source: FakeSource, enabled: boolean): Promise<void> {
    const step = this.script[source].shift() ?? {};
    this.calls.push({ source, enabled, at: Date.now(), concurrent: this.inFlight[source] });
    this.inFlight[source] += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight[source]);
    try {
      const delayMs = step.delayMs ?? this.defaultDelayMs;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (step.error !== undefined) {
        if (step.mediaDevicesError) this.room.emit(RoomEvent.MediaDevicesError, step.error, DEVICE_KIND[source]);
        throw step.error;
      }
      this.forceEnabled(source, enabled);
    } finally {
      this.inFlight[source] -= 1;
    }
  }
}
