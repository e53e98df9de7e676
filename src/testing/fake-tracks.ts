import type { KeptTrack } from '../media-setup/kept-track';
import type { FakeParticipantRoom, FakeSource } from './fake-participant';
import { TinyEmitter } from './tiny-emitter';

// livekit-client's Track.Source strings.
export const TRACK_SOURCE: Record<FakeSource, string> = { camera: 'camera', microphone: 'microphone', screenShare: 'screen_share' };

/**
 * A LocalTrack double: a capture with a device, a processor and a life. `mute` stops a camera's
 * capture (as livekit-client does) and `unmute` restarts it; `stop` ends it and its processor.
 */
export class FakeLocalTrack extends TinyEmitter implements KeptTrack {
  readonly kind: 'audio' | 'video';
  isMuted = false;
  stopped = false;
  /** Times this track's capture was opened again (a camera's unmute). */
  restarts = 0;
  sender: unknown;
  simulcastCodecs = new Map<unknown, { sender?: unknown }>();
  readonly mediaStreamTrack: { readyState: 'live' | 'ended'; getSettings(): { deviceId?: string; height?: number } };

  constructor(
    public source: string,
    public deviceId: string,
    private processor: unknown = undefined,
    height = 1080,
  ) {
    super();
    this.kind = source === 'microphone' || source === 'screen_share_audio' ? 'audio' : 'video';
    this.mediaStreamTrack = { readyState: 'live', getSettings: () => ({ deviceId: this.deviceId, height }) };
  }

  stop(): void {
    this.stopped = true;
    this.mediaStreamTrack.readyState = 'ended';
    this.processor = undefined; // livekit-client destroys it with the track
  }
  async mute(): Promise<this> {
    this.isMuted = true;
    if (this.source === 'camera') this.mediaStreamTrack.readyState = 'ended';
    return this;
  }
  async unmute(): Promise<this> {
    if (this.stopped) throw new Error('track stopped');
    if (this.source === 'camera' && this.mediaStreamTrack.readyState === 'ended') this.restarts += 1;
    this.isMuted = false;
    this.mediaStreamTrack.readyState = 'live';
    return this;
  }
  /** The device went away (unplugged): the capture ends by itself. */
  end(): void {
    this.mediaStreamTrack.readyState = 'ended';
  }
  getProcessor(): unknown {
    return this.processor;
  }
  /** As livekit-client: the processor's `init` first; one that rejects is not set (and the track is left as it was). */
  async setProcessor(processor: unknown): Promise<void> {
    const init = (processor as { init?: (opts: unknown) => unknown } | null)?.init;
    if (typeof init === 'function') await init.call(processor, { kind: this.kind, track: this.mediaStreamTrack });
    this.processor = processor;
  }
  async stopProcessor(): Promise<void> {
    this.processor = undefined;
  }
  /** components-react's video and audio elements (nothing plays in jsdom). */
  attach<E>(element?: E): E | undefined {
    return element;
  }
  detach(): never[] {
    return [];
  }
}

/** As livekit-client's createTracks: the Room's capture defaults under `options`; a string deviceId that is gone gives the default. The processor is the caller's to set. */
export function captureAsSdk(source: FakeSource, room: FakeParticipantRoom, options?: { deviceId?: unknown; processor?: unknown }): { track: FakeLocalTrack; processor: unknown } {
  const roomDefaults = source === 'microphone' ? room.options.audioCaptureDefaults : room.options.videoCaptureDefaults;
  const defaults = { ...roomDefaults, ...options };
  const wanted = defaults.deviceId;
  const id = typeof wanted === 'string' ? wanted : typeof (wanted as { exact?: unknown })?.exact === 'string' ? (wanted as { exact: string }).exact : 'default';
  const kind = source === 'microphone' ? 'audioinput' : 'videoinput';
  const deviceId = source === 'screenShare' || (room.devices && !room.devices.has(kind, id)) ? 'default' : id;
  return { track: new FakeLocalTrack(TRACK_SOURCE[source], deviceId), processor: source === 'screenShare' ? undefined : defaults.processor };
}
