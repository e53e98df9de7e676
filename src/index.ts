export { callReducer, callActions } from './call/slice';
export { createInitialCallState } from './call/initial-state';
export type { CallAction } from './call/slice';
export {
  selectCall,
  selectCallStatus,
  selectIdentity,
  selectRoomName,
  selectTokenExpiresAt,
  selectVideoProfile,
  selectProfileChange,
  selectRoomInstanceKey,
  selectMediaSource,
  selectCanToggle,
  selectLastError,
  selectReconnectAttempts,
  selectDisconnectReason,
  selectScreenShareBlockedReason,
  selectMediaHealth,
  selectRemoteMediaHealth,
  selectHdOfferedAt,
  selectQualityTroubleSince,
  selectDevices,
  selectLostDevices,
  selectLostProcessors,
  selectParticipantVolume,
} from './call/selectors';
export { DEVICE_KINDS } from './call/types';
export { deviceChanges, type DeviceChange } from './devices/device-presence';
export { scaleDownFactor } from './media-setup/scale-to-profile';
export { selectE2EEStatus, selectUndecryptableParticipants } from './call/e2ee-selectors';
export { E2EE_CONFIRM_TIMEOUT_MS } from './e2ee/connect-encrypted';
export type * from './call/types';
export { MEDIA_SOURCES } from './call/types';
export { createCallController, type CallController } from './controller/create-call-controller';
export { DEFAULT_OPTIONS, type CallControllerConfig, type CallTokenSource } from './controller/options';
export type { CallRoom, CallLocalParticipant } from './connection/room-surface';
export { isTerminalDisconnect } from './connection/disconnect-policy';
export { reconnectDelayMs } from './connection/reconnect-policy';
export { refreshAt, refreshDelayMs, serverWouldRefuse } from './token/refresh-policy';
export { CallTokenError } from './token/token-error';
export { CallToggleError } from './controls/toggle-error';
export { shouldFallBackToStable } from './negotiation/window-policy';
export { qualityLevel, isTrouble } from './quality/quality-level';
export { nextHdRetryMs, shouldFallBackForQuality, shouldOfferHd, qualityStep, MAX_HD_RETRY_FACTOR, type QualityPolicyInput, type QualityStep } from './quality/quality-policy';
export { DEFAULT_VIDEO_PROFILES, roomOptionsForProfile } from './media/video-profiles';
export { nextToggleState } from './media/live-media';
export { screenShareRefusal } from './media/screen-share-policy';
export * from './errors/index';
