import type { MediaSourceName } from '../call/types';

interface CaptureTrack {
  readyState: string;
  getSettings?(): { deviceId?: string; height?: number };
}

/** The part of a livekit-client LocalTrack that moving it between Rooms touches. */
export interface KeptTrack {
  /** livekit-client's `Track.Source` string: `camera`, `microphone`, `screen_share`, `screen_share_audio`. */
  source: string;
  readonly kind: string;
  readonly isMuted: boolean;
  /** With a processor set, livekit-client gives the processor's output here, not the capture. */
  readonly mediaStreamTrack?: CaptureTrack;
  /** livekit-client's settings of the capture itself (under the processor). */
  getSourceTrackSettings?(): { deviceId?: string };
  /** Backup-codec senders of a LocalVideoTrack (hd's VP9); stale ones would make the next Room skip that codec. */
  simulcastCodecs?: Map<unknown, { sender?: unknown }>;
  sender?: unknown;
  stop(): void;
  mute(): Promise<unknown>;
  getProcessor?(): unknown;
  setProcessor?(processor: unknown): Promise<unknown>;
}

export interface KeptPublication {
  readonly track?: KeptTrack;
  readonly source: string;
}

/** What a Room needs to hand over its captures; a Room double without it just re-captures. */
export interface MovableParticipant {
  readonly trackPublications: ReadonlyMap<string, KeptPublication>;
  publishTrack(track: KeptTrack, options?: { source?: string }): Promise<unknown>;
  unpublishTrack(track: KeptTrack, stopOnUnpublish?: boolean): Promise<unknown>;
}

const SOURCES: Record<string, MediaSourceName> = {
  camera: 'camera',
  microphone: 'microphone',
  screen_share: 'screenShare',
  screen_share_audio: 'screenShare',
};

/** The call's source a track belongs to (a screen share's audio goes with it); none for others. */
export const mediaSourceOf = (track: KeptTrack): MediaSourceName | undefined => SOURCES[track.source];

/**
 * Worth moving: a capture still delivering, or one the SDK stopped only because it is muted (a
 * muted camera; unmuting restarts it with its processor). A capture that ended by itself is not.
 */
export function isKeepable(track: KeptTrack): boolean {
  if (!mediaSourceOf(track)) return false;
  const state = captureOf(track)?.readyState ?? 'live';
  return state === 'live' || (track.isMuted && track.source === 'camera');
}

/**
 * The capture under a processor (livekit-client 2.x keeps it in `_mediaStreamTrack`, with no
 * public getter): Firefox's processed output (a canvas stream) stays `live` after the camera
 * under it ended, so only the capture tells whether there is anything to move.
 */
export function captureOf(track: KeptTrack): CaptureTrack | undefined {
  const source = (track as { _mediaStreamTrack?: Partial<CaptureTrack> })._mediaStreamTrack;
  return typeof source?.readyState === 'string' ? (source as CaptureTrack) : track.mediaStreamTrack;
}

/** The device the capture is on (not the processor's output, whose settings name none of the user's devices). */
export const captureDeviceOf = (track: KeptTrack): string | undefined =>
  track.getSourceTrackSettings?.().deviceId ?? captureOf(track)?.getSettings?.().deviceId;

export function isMovable(participant: unknown): participant is MovableParticipant {
  const p = participant as Partial<MovableParticipant> | undefined;
  return !!p && p.trackPublications instanceof Map && typeof p.publishTrack === 'function' && typeof p.unpublishTrack === 'function';
}

/** livekit-client clears backup-codec senders only while the old PeerConnection is healthy. */
export function forgetOldSenders(track: KeptTrack): void {
  track.sender = undefined;
  if (!track.simulcastCodecs) return;
  for (const info of track.simulcastCodecs.values()) info.sender = undefined;
  track.simulcastCodecs.clear();
}
