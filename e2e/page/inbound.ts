// What a subject page receives of the other subjects' cameras: each remote video attached to a
// visible <video> (with adaptiveStream the SDK pauses a video no element shows, and a paused
// track is not a stale one), and its receiver's stats sampled, so a scenario can ask "does X
// decode Y's frames?" and know which SSRC carries them into X.
import { Track, type RemoteVideoTrack, type Room } from 'livekit-client';

export interface InboundSample {
  at: number;
  identity: string;
  trackSid: string;
  ssrc: number | null;
  /** Monotonic: a resubscribe or rejoin starts a new receiver at 0; counting goes on from the last value. */
  framesDecoded: number;
  bytesReceived: number;
}

interface Receiving {
  track: RemoteVideoTrack;
  element: HTMLVideoElement;
  baseFrames: number;
  baseBytes: number;
}

const SAMPLE_MS = 500;

async function readReceiver(track: RemoteVideoTrack) {
  const stats = await Promise.race([track.receiver?.getStats(), new Promise<undefined>((resolve) => setTimeout(resolve, 400))]);
  if (!stats) return undefined;
  const found = { ssrc: null as number | null, frames: 0, bytes: 0 };
  stats.forEach((s: { type: string; kind?: string; ssrc?: number; framesDecoded?: number; bytesReceived?: number }) => {
    if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
    found.ssrc = s.ssrc ?? found.ssrc;
    found.frames = Math.max(found.frames, s.framesDecoded ?? 0);
    found.bytes = Math.max(found.bytes, s.bytesReceived ?? 0);
  });
  return found;
}

/** A small visible element per remote camera (small: adaptiveStream then asks for the low layer, which spares the 2-core machine). */
function show(track: RemoteVideoTrack): HTMLVideoElement {
  const element = track.attach() as HTMLVideoElement;
  element.muted = true;
  element.width = 160;
  element.height = 90;
  document.body.appendChild(element);
  return element;
}

/** Samples every remote camera of whatever Room `getRoom` returns now (the library replaces its Room on a reconnect). */
export function watchInbound(getRoom: () => Room | undefined) {
  const samples: InboundSample[] = [];
  const latest = new Map<string, InboundSample>();
  const receiving = new Map<string, Receiving>();

  const follow = (identity: string, track: RemoteVideoTrack): Receiving => {
    const known = receiving.get(identity);
    if (known?.track === track) return known;
    if (known) {
      known.track.detach(known.element);
      known.element.remove();
    }
    const last = latest.get(identity);
    const next = { track, element: show(track), baseFrames: last?.framesDecoded ?? 0, baseBytes: last?.bytesReceived ?? 0 };
    receiving.set(identity, next);
    return next;
  };

  const tick = async () => {
    const room = getRoom();
    if (!room) return;
    const jobs: Promise<void>[] = [];
    for (const participant of room.remoteParticipants.values()) {
      const pub = [...participant.trackPublications.values()].find((p) => p.kind === Track.Kind.Video && p.source === Track.Source.Camera);
      if (!pub?.track) continue;
      const rx = follow(participant.identity, pub.track as RemoteVideoTrack);
      jobs.push(
        readReceiver(rx.track).then((raw) => {
          if (!raw) return;
          const sample = { at: Date.now(), identity: participant.identity, trackSid: pub.trackSid, ssrc: raw.ssrc, framesDecoded: rx.baseFrames + raw.frames, bytesReceived: rx.baseBytes + raw.bytes };
          latest.set(participant.identity, sample);
          samples.push(sample);
        }, () => undefined),
      );
    }
    await Promise.all(jobs);
    if (samples.length > 8_000) samples.splice(0, 2_000);
  };
  setInterval(() => void tick(), SAMPLE_MS);

  return {
    /** The latest sample per remote identity. */
    inboundVideo: () => [...latest.values()],
    inboundSamples: (since = 0) => samples.filter((s) => s.at >= since),
  };
}
