// The camera processor of `media-setup-across-reconnects` (issue 18): every frame it gives out
// carries a solid magenta block in its top-left corner and a green one in its top-right corner, so
// that the watcher tells processed frames from raw ones. Chromium's fake cameras are grey or green
// (never magenta). Firefox's fake camera is one flat colour that walks round the Cb/Cr square (Y
// 128, a step a frame: FakeVideoSource.cpp), magenta for ~7 s of every ~30 s; a flat frame is never
// magenta and green at once, so the two blocks together still mark only processed frames.
import type { Track, TrackProcessor, VideoProcessorOptions } from 'livekit-client';
import { MARKER_NAME } from './setup-constants';

/** The block: this share of the frame's width and height, from the top-left corner. */
export const MARKER_SHARE = 0.25;
const MARKER_FILL = '#ff00ff';

const SECOND_FILL = '#00ff00';

/** Where the watcher samples: the middle half of each block (its edges bleed at a low bitrate and in 4:2:0). */
export const SAMPLE_BOX = { x: MARKER_SHARE / 4, y: MARKER_SHARE / 4, w: MARKER_SHARE / 2, h: MARKER_SHARE / 2 };
export const SECOND_SAMPLE_BOX = { ...SAMPLE_BOX, x: 1 - MARKER_SHARE + MARKER_SHARE / 4 };

/** Magenta after VP8/VP9 at a low bitrate: red and blue high, green low. A grey pixel never passes. */
export function isMarkerColour(r: number, g: number, b: number): boolean {
  return r > 150 && b > 150 && g < 110;
}

/** The second block's green, mirrored: green high, red and blue low. */
export function isSecondColour(r: number, g: number, b: number): boolean {
  return g > 150 && r < 110 && b < 110;
}

const atLeast12 = (rgba: ArrayLike<number>, colour: (r: number, g: number, b: number) => boolean) => {
  let hits = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) if (colour(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!)) hits++;
  return hits >= 12;
};

/** At least 12 of the 16 pixels sampled in the first block are magenta. */
export const isMarkedSample = (rgba: ArrayLike<number>): boolean => atLeast12(rgba, isMarkerColour);

/** A frame is marked when both blocks are there: 12 of 16 magenta in the first, 12 of 16 green in the second. */
export const isMarkedFrame = (first: ArrayLike<number>, second: ArrayLike<number>): boolean => isMarkedSample(first) && atLeast12(second, isSecondColour);

const paint = (ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, w: number, h: number) => {
  const [bw, bh] = [Math.ceil(w * MARKER_SHARE), Math.ceil(h * MARKER_SHARE)];
  ctx.fillStyle = MARKER_FILL;
  ctx.fillRect(0, 0, bw, bh);
  ctx.fillStyle = SECOND_FILL;
  ctx.fillRect(w - bw, 0, bw, bh);
};

interface Built {
  track: MediaStreamTrack;
  mode: 'insertable-streams' | 'canvas-capture';
  stop(): void;
}

type InsertableWindow = {
  MediaStreamTrackProcessor?: new (o: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> };
  MediaStreamTrackGenerator?: new (o: { kind: 'video' }) => MediaStreamTrack & { writable: WritableStream<VideoFrame> };
};

/** Chromium: every camera frame goes through a transform that paints the block (no frame can pass unpainted). */
function insertable(track: MediaStreamTrack, onFrame: () => void): Built {
  const w = window as unknown as Required<InsertableWindow>;
  const source = new w.MediaStreamTrackProcessor({ track });
  const generator = new w.MediaStreamTrackGenerator({ kind: 'video' });
  const canvas = new OffscreenCanvas(1, 1);
  const ctx = canvas.getContext('2d')!;
  const abort = new AbortController();
  const transform = new TransformStream<VideoFrame, VideoFrame>({
    transform(frame, controller) {
      const { displayWidth: fw, displayHeight: fh } = frame;
      if (canvas.width !== fw || canvas.height !== fh) [canvas.width, canvas.height] = [fw, fh];
      ctx.drawImage(frame, 0, 0);
      paint(ctx, fw, fh);
      const out = new VideoFrame(canvas, { timestamp: frame.timestamp });
      frame.close();
      onFrame();
      controller.enqueue(out);
    },
  });
  source.readable.pipeThrough(transform, { signal: abort.signal }).pipeTo(generator.writable, { signal: abort.signal }).catch(() => undefined);
  return { track: generator, mode: 'insertable-streams', stop: () => (abort.abort(), generator.stop()) };
}

/** Elsewhere (Firefox has no MediaStreamTrackProcessor): the camera drawn on a canvas, block on top, `captureStream`. */
function canvasCopy(track: MediaStreamTrack, onFrame: () => void): Built {
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  void video.play().catch(() => undefined);
  const { width = 640, height = 360, frameRate = 30 } = track.getSettings();
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [width, height];
  const ctx = canvas.getContext('2d')!;
  paint(ctx, width, height); // the canvas's first frame is marked too
  const out = canvas.captureStream(frameRate).getVideoTracks()[0]!;
  const timer = setInterval(() => {
    if (!video.videoWidth) return;
    if (canvas.width !== video.videoWidth || canvas.height !== video.videoHeight) [canvas.width, canvas.height] = [video.videoWidth, video.videoHeight];
    ctx.drawImage(video, 0, 0);
    paint(ctx, canvas.width, canvas.height);
    onFrame();
  }, 1000 / frameRate);
  return { track: out, mode: 'canvas-capture', stop: () => (clearInterval(timer), out.stop(), (video.srcObject = null)) };
}

export interface MarkerStats {
  mode: string;
  /** Frames painted since the processor was set (all its tracks). */
  frames: number;
  inits: number;
  /** `restart`: the SDK gave it a new capture track (restartTrack: a new getUserMedia). */
  restarts: number;
  destroys: number;
  /** `init` calls refused while the switch below says broken. */
  failedInits: number;
}

// One switch for every marker on the page: the processor-broken step makes init reject from then on.
let broken = false;
export const setMarkerBroken = (on: boolean) => void (broken = on);

export interface MarkerProcessor extends TrackProcessor<Track.Kind.Video, VideoProcessorOptions> {
  stats(): MarkerStats;
  input(): MediaStreamTrack | undefined;
}

export function markerProcessor(): MarkerProcessor {
  const stats: MarkerStats = { mode: '', frames: 0, inits: 0, restarts: 0, destroys: 0, failedInits: 0 };
  let built: Built | undefined;
  // The capture it paints on: once set, LocalTrack.mediaStreamTrack is the processed track.
  let input: MediaStreamTrack | undefined;
  const start = (track: MediaStreamTrack) => {
    built?.stop();
    const w = window as unknown as InsertableWindow;
    input = track;
    built = w.MediaStreamTrackProcessor && w.MediaStreamTrackGenerator ? insertable(track, () => stats.frames++) : canvasCopy(track, () => stats.frames++);
    stats.mode = built.mode;
    processor.processedTrack = built.track;
  };
  const processor: MarkerProcessor = {
    name: MARKER_NAME,
    async init(opts) {
      if (broken) {
        stats.failedInits++;
        throw new Error('the e2e marker processor is broken on purpose');
      }
      stats.inits++;
      start(opts.track);
    },
    async restart(opts) {
      stats.restarts++;
      start(opts.track);
    },
    async destroy() {
      stats.destroys++;
      built?.stop();
      built = undefined;
      input = undefined;
      processor.processedTrack = undefined;
    },
    stats: () => ({ ...stats }),
    input: () => input,
  };
  return processor;
}
