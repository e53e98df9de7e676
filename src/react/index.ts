export { CallRoomProvider, type CallRoomProviderProps } from './call-room-provider';
export { useControllerRoom, type CallRoomSource } from './controller-room';
export { useCallRoom } from './use-call-room';
export { useCallStatus, useCallError } from './use-call-status';
export { useMediaToggle, type MediaToggle } from './use-media-toggle';
export { useVideoProfile, type VideoProfileState } from './use-video-profile';
export { useHdOffer, type HdOffer } from './use-hd-offer';
export { useRemoteMediaHealth, useCameraHealth } from './use-media-health';
export { useE2EEStatus } from './use-e2ee-status';
export {
  ReconnectingBanner,
  DEFAULT_BANNER_LABELS,
  type ReconnectingBannerProps,
  type ReconnectingBannerLabels,
} from './reconnecting-banner';
export {
  StableModeNotice,
  DEFAULT_STABLE_NOTICE_LABELS,
  type StableModeNoticeProps,
  type StableModeNoticeLabels,
} from './stable-mode-notice';
export {
  MediaToggleButton,
  DEFAULT_SOURCE_LABELS,
  DEFAULT_SHARE_AGAIN_LABEL,
  type MediaToggleButtonProps,
} from './media-toggle-button';
export { describeProfileChange, DEFAULT_PROFILE_REASONS, type ProfileReasonLabels } from './profile-reason';
