import type { CallRootState, CallState, CallStatus, MediaHealthEntry, MediaSourceName, MediaSourceState, VideoProfileName } from './types';

const call = (state: CallRootState): CallState => state.call;

export const selectCall = call;
export const selectCallStatus = (state: CallRootState): CallStatus => call(state).status;
export const selectIdentity = (state: CallRootState): string | null => call(state).identity;
export const selectRoomName = (state: CallRootState): string | null => call(state).roomName;
export const selectTokenExpiresAt = (state: CallRootState): number | null => call(state).tokenExpiresAt;
export const selectVideoProfile = (state: CallRootState): VideoProfileName => call(state).videoProfile;
export const selectProfileChange = (state: CallRootState) => call(state).profileChange;
export const selectRoomInstanceKey = (state: CallRootState): number => call(state).roomInstanceKey;
export const selectMediaSource = (state: CallRootState, source: MediaSourceName): MediaSourceState =>
  call(state).media[source];
export const selectScreenShareBlockedReason = (state: CallRootState) => call(state).media.screenShare.blockedReason;
export const selectCanToggle = (state: CallRootState, source: MediaSourceName): boolean =>
  call(state).status === 'connected' && !call(state).media[source].pending;
export const selectLastError = (state: CallRootState) => call(state).lastError;
export const selectReconnectAttempts = (state: CallRootState): number => call(state).reconnectAttempts;
export const selectDisconnectReason = (state: CallRootState): string | null => call(state).disconnectReason;
export const selectMediaHealth = (state: CallRootState) => call(state).mediaHealth;
const OK: MediaHealthEntry = { health: 'ok', since: 0, trackSid: null };
/** A remote participant's video health; `ok` (since 0) when the watchdog never flagged it. */
export const selectRemoteMediaHealth = (state: CallRootState, identity: string): MediaHealthEntry => call(state).mediaHealth.remote[identity] ?? OK;
/** Epoch ms when HD was offered back after a quality fallback, or `null`. */
export const selectHdOfferedAt = (state: CallRootState): number | null => call(state).quality.hdOfferedAt;
export const selectQualityTroubleSince = (state: CallRootState): number | null => call(state).quality.troubleSince;
/** The chosen camera, microphone and speaker (`null`: the default). */
export const selectDevices = (state: CallRootState) => call(state).devices;
/** Chosen devices that went away, by kind (the default is in use until they are back). */
export const selectLostDevices = (state: CallRootState) => call(state).lostDevices;
export const selectParticipantVolume = (state: CallRootState, identity: string): number | undefined => call(state).participantVolumes[identity];
/** Processors that could not be set again on a new capture, by source: that source is held back (nothing raw is published). */
export const selectLostProcessors = (state: CallRootState) => call(state).lostProcessors;
