import type { MediaSourceName } from '../call/types';
import type { CallLocalParticipant } from '../connection/room-surface';
import { originalToggle } from '../controls/routed-room';

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

/** The controller's own SDK call: the participant's original method (the routed one would loop), with the caller's options. */
export function setLiveEnabled(participant: CallLocalParticipant, source: MediaSourceName, enabled: boolean, args: unknown[] = []): Promise<unknown> {
  return originalToggle(participant, source)(enabled, ...args);
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
