// The watcher's eye on the camera processor (issue 18): each remote camera is shown in a small
// <video>, and every frame it presents (requestVideoFrameCallback; a 100 ms timer where there is
// none) is checked for the marker's two blocks (page/marker.ts). Counts are per identity and go on across
// a new track (a new Room, a resubscribe, a rejoin of the watcher).
import { Track, type RemoteVideoTrack, type Room } from 'livekit-client';
import { isMarkedFrame, SAMPLE_BOX, SECOND_SAMPLE_BOX } from './marker';

const isBlackSample = (rgba: ArrayLike<number>) => {
  for (let i = 0; i + 3 < rgba.length; i += 4) if (rgba[i]! > 16 || rgba[i + 1]! > 16 || rgba[i + 2]! > 16) return false;
  return true;
};

export interface MarkerCounts {
  marked: number;
  unmarked: number;
  /**
   * Frames too small to carry the block (seen: 8x8 and 2x2, black): livekit-server's blank frames
   * (`pkg/sfu/downtrack.go` writes a VP8 8x8 / H.264 2x2 black key frame on a downtrack when its
   * track is muted, closed or switched), and all-black frames of any size (seen once, 320x180, as a
   * moved camera's encoder started on the new Room): no picture, so not the subject's room either
   * (the fake cameras are never black).
   */
  placeholders: number;
  /** Of those, how many came with an RTP timestamp (all, so far: they come over RTP from the SFU). */
  placeholdersWithRtp: number;
  /**
   * Unmarked frames in runs (a run: frames of one track less than 500 ms apart): when, how many, on
   * which track, the sampled colours (each box's first pixel: `first / second`) and the frame size. The first 40 runs.
   */
  unmarkedRuns: UnmarkedRun[];
  /** The last time a frame was checked, epoch ms. */
  lastAt: number;
}

export interface UnmarkedRun {
  from: number;
  to: number;
  frames: number;
  sid: string;
  rgb: string;
  size: string;
  /** The frame came with an RTP timestamp (rVFC metadata): decoded from what the subject sent, not made up by the receiving browser. */
  rtp: boolean | null;
}

/** Smaller than the lowest simulcast layer of the smallest capture (360p / 4): the SFU's blank frames. */
const [MIN_W, MIN_H] = [64, 36];

type FrameMeta = { rtpTimestamp?: number };
type FrameCallbackVideo = HTMLVideoElement & { requestVideoFrameCallback?: (cb: (now: number, meta: FrameMeta) => void) => number };

interface Watching {
  track: RemoteVideoTrack;
  element: FrameCallbackVideo;
  stop(): void;
}

export function watchMarkers(getRoom: () => Room | undefined) {
  const counts = new Map<string, MarkerCounts>();
  const watching = new Map<string, Watching>();
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [4, 4];
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

  const check = (identity: string, sid: string, video: HTMLVideoElement, meta?: FrameMeta) => {
    const { videoWidth: w, videoHeight: h } = video;
    if (!w || !h) return;
    const sample = (box: typeof SAMPLE_BOX) => (ctx.drawImage(video, w * box.x, h * box.y, w * box.w, h * box.h, 0, 0, 4, 4), ctx.getImageData(0, 0, 4, 4).data);
    const rgba = sample(SAMPLE_BOX);
    const second = sample(SECOND_SAMPLE_BOX);
    const c = counts.get(identity) ?? { marked: 0, unmarked: 0, placeholders: 0, placeholdersWithRtp: 0, unmarkedRuns: [], lastAt: 0 };
    counts.set(identity, c);
    const now = (c.lastAt = Date.now());
    if (w < MIN_W || h < MIN_H || isBlackSample(rgba)) {
      c.placeholders++;
      if (typeof meta?.rtpTimestamp === 'number') c.placeholdersWithRtp++;
      return;
    }
    if (isMarkedFrame(rgba, second)) {
      c.marked++;
      return;
    }
    c.unmarked++;
    const run = c.unmarkedRuns[c.unmarkedRuns.length - 1];
    const rtp = meta ? typeof meta.rtpTimestamp === 'number' : null;
    if (run && run.sid === sid && run.rtp === rtp && now - run.to < 500) [run.to, run.frames] = [now, run.frames + 1];
    else if (c.unmarkedRuns.length < 40) c.unmarkedRuns.push({ from: now, to: now, frames: 1, sid, rgb: `${rgba[0]},${rgba[1]},${rgba[2]} / ${second[0]},${second[1]},${second[2]}`, size: `${w}x${h}`, rtp });
  };

  const follow = (identity: string, sid: string, track: RemoteVideoTrack) => {
    const known = watching.get(identity);
    if (known?.track === track) return;
    known?.stop();
    const element = track.attach() as FrameCallbackVideo;
    element.muted = true;
    [element.width, element.height] = [160, 90];
    document.body.appendChild(element);
    let on = true;
    let timer: ReturnType<typeof setInterval> | undefined;
    if (element.requestVideoFrameCallback) {
      const next = () => on && element.requestVideoFrameCallback!((_now, meta) => (check(identity, sid, element, meta), next()));
      next();
    } else timer = setInterval(() => check(identity, sid, element), 100);
    watching.set(identity, {
      track,
      element,
      stop: () => {
        on = false;
        clearInterval(timer);
        track.detach(element);
        element.remove();
      },
    });
  };

  setInterval(() => {
    const room = getRoom();
    for (const participant of room?.remoteParticipants.values() ?? []) {
      const pub = participant.getTrackPublication(Track.Source.Camera);
      if (pub?.track) follow(participant.identity, pub.trackSid, pub.track as RemoteVideoTrack);
    }
  }, 250);

  return { markers: () => Object.fromEntries(counts) };
}
