import type { PayloadAction } from '@reduxjs/toolkit';
import type { CallState, MediaSourceName, ScreenShareBlockedReason } from './types';

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
  state.lostProcessors = {}; // the call's processors went with its captures
}

/** Facts the media saga records about each source's SDK calls. */
export const mediaReducers = {
  mediaSynced(state: CallState, action: PayloadAction<Partial<Record<MediaSourceName, boolean>>>) {
    for (const [source, enabled] of Object.entries(action.payload) as [MediaSourceName, boolean][]) {
      state.media[source].enabled = enabled;
    }
  },
  toggleStarted(state: CallState, action: PayloadAction<{ source: MediaSourceName; desired: boolean; reapply: boolean }>) {
    const media = state.media[action.payload.source];
    media.desired = action.payload.desired;
    media.pending = true;
    if (action.payload.source === 'screenShare') state.media.screenShare.blockedReason = null;
  },
  /** A wanted screen share was not started without a gesture; the wish is dropped until the user asks again. */
  screenShareBlocked(state: CallState, action: PayloadAction<{ reason: ScreenShareBlockedReason }>) {
    state.media.screenShare.desired = false;
    state.media.screenShare.blockedReason = action.payload.reason;
  },
  toggleSettled(state: CallState, action: PayloadAction<{ source: MediaSourceName; enabled: boolean; desired: boolean; ok: boolean }>) {
    const media = state.media[action.payload.source];
    media.enabled = action.payload.enabled;
    media.desired = action.payload.desired;
  },
  toggleUnlocked(state: CallState, action: PayloadAction<{ source: MediaSourceName }>) {
    state.media[action.payload.source].pending = false;
  },
};
