import type { MediaSourceName } from '../call/types';
import type { CallLocalParticipant } from '../connection/room-surface';

/** What the live participant shows right now: the only truth for "flip" toggles. */
export function liveEnabled(participant: CallLocalParticipant, source: MediaSourceName): boolean {
  switch (source) {
    case 'camera':
      return participant.isCameraEnabled;
    case 'microphone':
      return participant.isMicrophoneEnabled;
    case 'screenShare':
      return participant.isScreenShareEnabled;
  }
}

export function setLiveEnabled(participant: CallLocalParticipant, source: MediaSourceName, enabled: boolean): Promise<unknown> {
  switch (source) {
    case 'camera':
      return participant.setCameraEnabled(enabled);
    case 'microphone':
      return participant.setMicrophoneEnabled(enabled);
    case 'screenShare':
      return participant.setScreenShareEnabled(enabled);
  }
}

/** The next wanted state: the payload if given, else the opposite of what is live. */
export function nextToggleState(wanted: boolean | undefined, live: boolean): boolean {
  return wanted ?? !live;
}

/** Sources whose live state differs from the wish, in re-apply order (audio first). */
export function sourcesToReapply(
  order: readonly MediaSourceName[],
  desired: Record<MediaSourceName, boolean>,
  live: Record<MediaSourceName, boolean>,
): MediaSourceName[] {
  return order.filter((source) => desired[source] !== live[source]);
}
