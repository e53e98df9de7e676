// Test files import '../../react/jsdom-polyfills' first (before livekit-client: it needs TextEncoder).

/** Just enough of a camera MediaStreamTrack for livekit-client's LocalVideoTrack in jsdom. */
export class FakeCameraTrack {
  kind = 'video';
  id = 'cam-1';
  enabled = true;
  muted = false;
  readyState = 'live';
  constructor(private readonly deviceId = 'cam-2') {}
  stop = jest.fn(() => void (this.readyState = 'ended'));
  getSettings = () => ({ deviceId: this.deviceId, width: 1280, height: 720 });
  getConstraints = () => ({});
  addEventListener = () => undefined;
  removeEventListener = () => undefined;
  clone = () => this;
}

/** jsdom has no MediaStream: livekit-client attaches the capture to the processor's element through one. */
class FakeMediaStream {
  private tracks: unknown[] = [];
  getTracks = () => this.tracks;
  getVideoTracks = () => this.tracks;
  getAudioTracks = () => [];
  addTrack = (t: unknown) => void this.tracks.push(t);
  removeTrack = (t: unknown) => void (this.tracks = this.tracks.filter((x) => x !== t));
}

/** Real livekit-client LocalVideoTracks (and their processors) in a jsdom test file: call once at its top. */
export function useJsdomMedia(): void {
  const globals = globalThis as { MediaStream?: unknown };
  const saved = globals.MediaStream;
  afterAll(() => void (globals.MediaStream = saved));
  beforeAll(() => {
    globals.MediaStream = FakeMediaStream;
    // jsdom has no media playback: livekit-client plays the processor's element.
    Object.defineProperty(HTMLMediaElement.prototype, 'play', { configurable: true, value: () => Promise.resolve() });
    Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', { configurable: true, writable: true, value: null });
  });
}
