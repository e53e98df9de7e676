// Issue 18's capture counters: every getUserMedia / getDisplayMedia since the page loaded, which of
// them livekit-client's own restartTrack made, and how the last getDisplayMedia ended (Firefox
// headless has no screen: the setup reads the refusal from here). Imported first by the pages
// (through media-setup.ts): the wrappers must be in place before anything captures.
import { LocalAudioTrack, LocalVideoTrack } from 'livekit-client';

export type CaptureApi = 'getUserMedia' | 'getDisplayMedia';
/** `sdkRestarts`: getUserMedia calls made by livekit-client's restartTrack of a track it already has (its own full reconnect, an unmute). */
export type CaptureCounts = Record<CaptureApi | 'sdkRestarts', number>;

export const captures: CaptureCounts = { getUserMedia: 0, getDisplayMedia: 0, sdkRestarts: 0 };
export const captureLog: string[] = [];
/** Who called each restartTrack (its caller's frames), for whoever has to explain an extra capture. */
export const restartCallers: string[] = [];
// Every camera track getUserMedia gave out: one still live that no Room publishes is a leaked capture (camera light on).
const cameraCaptures: MediaStreamTrack[] = [];
export const liveCameraCaptures = () => cameraCaptures.filter((t) => t.readyState === 'live').length;
/** `ok`, or the rejection (`NotFoundError: …`) of the last getDisplayMedia; null before the first. */
export const display: { outcome: string | null } = { outcome: null };

// A getUserMedia while one of livekit-client's restartTrack calls runs is that restart's (the SDK's own full reconnect restarts the tracks it holds).
let restarting = 0;
for (const proto of [LocalAudioTrack.prototype, LocalVideoTrack.prototype] as { restartTrack(...args: unknown[]): Promise<unknown> }[]) {
  const own = proto.restartTrack;
  proto.restartTrack = async function (this: unknown, ...args: unknown[]) {
    restarting++;
    const frames = (new Error().stack ?? '').split('\n').slice(2, 7).map((l) => l.trim().replace(/\?[^:)]*/, '').replace(/^at /, ''));
    restartCallers.push(`${Date.now()} ${(this as { source?: string }).source ?? '?'} ← ${frames.join(' ← ')}`);
    try {
      return await own.apply(this, args);
    } finally {
      restarting--;
    }
  };
}

const what = (c?: MediaStreamConstraints) =>
  (['audio', 'video'] as const)
    .filter((k) => c?.[k])
    .map((k) => {
      const id = typeof c![k] === 'object' ? (c![k] as MediaTrackConstraints).deviceId : undefined;
      const wanted = typeof id === 'string' ? id : ((id as ConstrainDOMStringParameters | undefined)?.exact ?? (id as ConstrainDOMStringParameters | undefined)?.ideal);
      return `${k}${wanted ? `(${String(wanted).slice(0, 8)})` : ''}`;
    })
    .join('+');

for (const api of ['getUserMedia', 'getDisplayMedia'] as const) {
  const devices = navigator.mediaDevices as unknown as Record<CaptureApi, ((c?: MediaStreamConstraints) => Promise<MediaStream>) | undefined>;
  const original = devices?.[api]?.bind(navigator.mediaDevices);
  if (original) {
    devices[api] = (constraints) => {
      captures[api]++;
      if (api === 'getUserMedia' && restarting > 0) captures.sdkRestarts++;
      captureLog.push(`${Date.now()} ${api} ${what(constraints)}`);
      const opened = original(constraints);
      if (api === 'getUserMedia') opened.then((stream) => cameraCaptures.push(...stream.getVideoTracks()), () => undefined);
      if (api === 'getDisplayMedia') {
        opened.then(
          () => (display.outcome = 'ok'),
          (e: unknown) => (display.outcome = `${(e as Error)?.name}: ${(e as Error)?.message ?? String(e)}`),
        );
      }
      return opened;
    };
  }
}
