import type { PayloadAction } from '@reduxjs/toolkit';
import type { CallState, MediaHealth, MediaHealthEntry, MediaRecoveredBy, MediaScope, QualityLevel } from './types';

export interface MediaStalePayload {
  scope: MediaScope;
  /** The remote publisher, or our own identity for `local`. */
  identity: string;
  trackSid: string;
  source: string;
  at: number;
  /** How long the track had shown nothing when it was flagged. */
  silentForMs: number;
}

export interface MediaTrackRef {
  scope: MediaScope;
  identity: string;
  trackSid: string;
  at: number;
}

function mark(state: CallState, { scope, identity, trackSid, at }: MediaTrackRef, health: MediaHealth): void {
  const entry: MediaHealthEntry = { health, since: at, trackSid };
  if (scope === 'local') state.mediaHealth.camera = entry;
  else state.mediaHealth.remote[identity] = entry;
}

/** Facts of the media watchdog (health/) and the quality policy (quality/); only transitions are put. */
export const healthReducers = {
  mediaStale(state: CallState, action: PayloadAction<MediaStalePayload>) {
    mark(state, action.payload, 'stale');
  },
  /** A stale remote video was unsubscribed and subscribed again. */
  mediaResubscribed(state: CallState, action: PayloadAction<MediaTrackRef>) {
    mark(state, action.payload, 'recovering');
  },
  /** The published camera that sent nothing was restarted (a new capture track on the same sender). */
  localTrackRestarted(state: CallState, action: PayloadAction<MediaTrackRef & { source: string }>) {
    mark(state, action.payload, 'recovering');
  },
  /** Still dead after the light remedy: one controlled reconnect follows (`reconnectRequested`). */
  mediaReconnectRequested(state: CallState, action: PayloadAction<MediaTrackRef>) {
    mark(state, action.payload, 'recovering');
  },
  mediaRecovered(state: CallState, action: PayloadAction<MediaTrackRef & { by: MediaRecoveredBy }>) {
    mark(state, action.payload, 'ok');
  },
  /** The participant (or its video), or our published camera (`scope: 'local'`), is gone: nothing left to watch. */
  mediaHealthForgotten(state: CallState, action: PayloadAction<{ identity: string; scope?: MediaScope }>) {
    if (action.payload.scope === 'local') state.mediaHealth.camera = null;
    else delete state.mediaHealth.remote[action.payload.identity];
  },
  connectionQualityTrouble(state: CallState, action: PayloadAction<{ quality: QualityLevel; at: number }>) {
    state.quality.troubleSince ??= action.payload.at;
  },
  connectionQualityRecovered(state: CallState, _action: PayloadAction<{ quality: QualityLevel; at: number }>) {
    state.quality.troubleSince = null;
  },
  /** `stable` (chosen by the quality policy) has been healthy for `healthyForMs`: HD is offered back. */
  hdOffered(state: CallState, action: PayloadAction<{ at: number; healthyForMs: number }>) {
    state.quality.hdOfferedAt = action.payload.at;
  },
  /** The user said no to the offer (the next one comes after a longer healthy window). */
  dismissHdOffer(state: CallState) {
    state.quality.hdOfferedAt = null;
  },
};
