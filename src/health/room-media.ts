import { Track } from 'livekit-client';
import type { TrackSample } from './watchdog-policy';

/** What the watchdog reads of a livekit-client Room; structural, so the testing doubles fit too. */
interface StatsSource {
  getStats(): Promise<{ forEach(cb: (stat: Record<string, unknown>) => void): void }>;
}
export interface WatchedSender extends StatsSource {
  getParameters?(): { encodings?: { active?: boolean }[] };
}
export interface WatchedRemotePublication {
  readonly trackSid: string;
  readonly source: string;
  readonly kind: string;
  /** The publisher muted it. */
  readonly isMuted: boolean;
  /** We want it (not unsubscribed). */
  readonly isDesired: boolean;
  /** Not disabled by us or by adaptive stream (off screen). */
  readonly isEnabled: boolean;
  /** `not_allowed`: the publisher's permissions keep it from us; silence is right. */
  readonly permissionStatus?: string;
  readonly track?: { readonly streamState: string; readonly receiver?: StatsSource };
  setSubscribed(subscribed: boolean): void;
}
export interface WatchedRemoteParticipant {
  readonly identity: string;
  readonly trackPublications: Map<string, WatchedRemotePublication>;
}
export interface WatchedLocalPublication {
  readonly trackSid: string;
  readonly isMuted: boolean;
  readonly track?: { readonly isMuted: boolean; readonly sender?: WatchedSender; restartTrack?(): Promise<void> };
}
export interface WatchableRoom {
  readonly remoteParticipants?: Map<string, WatchedRemoteParticipant>;
  readonly localParticipant: { readonly identity: string; getTrackPublication?(source: Track.Source): WatchedLocalPublication | undefined };
}

/** Sum of one counter over the stats entries of one type; a closed transport reads as `undefined`. */
async function sumStat(source: StatsSource | undefined, type: string, field: string): Promise<number | undefined> {
  if (!source) return 0;
  try {
    let total = 0;
    (await source.getStats()).forEach((stat) => {
      if (stat.type === type && typeof stat[field] === 'number') total += stat[field] as number;
    });
    return total;
  } catch {
    return undefined;
  }
}

/** Remote cameras only: a static screen share may rightly send no new frame for minutes. */
export function watchedRemoteCameras(room: WatchableRoom): { identity: string; publication: WatchedRemotePublication }[] {
  const out: { identity: string; publication: WatchedRemotePublication }[] = [];
  for (const participant of room.remoteParticipants?.values() ?? []) {
    for (const publication of participant.trackPublications.values()) {
      if (publication.kind === Track.Kind.Video && publication.source === Track.Source.Camera) out.push({ identity: participant.identity, publication });
    }
  }
  return out;
}

export function localCamera(room: WatchableRoom): WatchedLocalPublication | undefined {
  return room.localParticipant.getTrackPublication?.(Track.Source.Camera);
}

/** The sender has an encoding switched on: with dynacast and no viewer, all are off and silence is right. */
function sending(sender: WatchedSender | undefined): boolean {
  const encodings = sender?.getParameters?.().encodings;
  return !encodings || encodings.length === 0 || encodings.some((e) => e.active !== false);
}

async function remoteSample(identity: string, publication: WatchedRemotePublication): Promise<TrackSample | undefined> {
  const track = publication.track;
  const frames = await sumStat(track?.receiver, 'inbound-rtp', 'framesDecoded');
  if (frames === undefined) return undefined;
  const paused = track !== undefined && track.streamState === Track.StreamState.Paused; // the server's congestion control
  const allowed = publication.permissionStatus !== 'not_allowed';
  const expected = publication.isDesired && allowed && publication.isEnabled && !publication.isMuted && !paused;
  return { scope: 'remote', identity, trackSid: publication.trackSid, source: Track.Source.Camera, expected, progress: frames };
}

async function localSample(identity: string, publication: WatchedLocalPublication): Promise<TrackSample | undefined> {
  const track = publication.track;
  const bytes = await sumStat(track?.sender, 'outbound-rtp', 'bytesSent');
  if (bytes === undefined || !track?.sender) return undefined;
  const expected = !publication.isMuted && !track.isMuted && sending(track.sender);
  return { scope: 'local', identity, trackSid: publication.trackSid, source: Track.Source.Camera, expected, progress: bytes };
}

/** One `getStats` a watched track, all at once. */
export async function sampleRoomMedia(room: WatchableRoom): Promise<TrackSample[]> {
  const camera = localCamera(room);
  const reads = [
    ...watchedRemoteCameras(room).map(({ identity, publication }) => remoteSample(identity, publication)),
    ...(camera ? [localSample(room.localParticipant.identity, camera)] : []),
  ];
  return (await Promise.all(reads)).filter((s): s is TrackSample => s !== undefined);
}
