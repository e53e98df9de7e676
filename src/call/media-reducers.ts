import type { CallState, MediaSourceName } from './types';

/** Before a Room exists (or while it is being replaced) a toggle only records the wish. */
export function recordIntent(state: CallState, source: MediaSourceName, wanted: boolean | undefined): void {
  const media = state.media[source];
  const dropped = state.status === 'connected' && media.pending; // the media saga ignores this click
  if (source === 'screenShare' && !dropped) state.media.screenShare.blockedReason = null; // the user acted
  if (state.status === 'connected') return; // the media saga takes it from the live participant
  media.desired = wanted ?? !media.desired;
}

/** The call is over: nothing is live or in flight, and a blocked screen share is moot. */
export function endMedia(state: CallState): void {
  for (const media of Object.values(state.media)) {
    media.enabled = false;
    media.pending = false;
  }
  state.media.screenShare.blockedReason = null;
}
