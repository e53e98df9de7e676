import { VideoPresets, type RoomOptions } from 'livekit-client';
import type { VideoProfileName } from '../call/types';

/** `hd`: VP9, simulcast, 1080p capture. `stable`: what weak devices and flaky paths negotiate reliably. */
export const DEFAULT_VIDEO_PROFILES: Record<VideoProfileName, RoomOptions> = {
  hd: {
    adaptiveStream: true,
    dynacast: true,
    publishDefaults: { videoCodec: 'vp9', simulcast: true },
    videoCaptureDefaults: { resolution: VideoPresets.h1080.resolution },
  },
  stable: {
    adaptiveStream: true,
    dynacast: true,
    publishDefaults: { videoCodec: 'vp8', simulcast: false },
    videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
  },
};

/** The profile's RoomOptions with the app's overrides merged one level into the nested defaults. */
export function roomOptionsForProfile(
  profile: VideoProfileName,
  overrides: Partial<Record<VideoProfileName, RoomOptions>> = {},
): RoomOptions {
  const base = DEFAULT_VIDEO_PROFILES[profile];
  const extra = overrides[profile] ?? {};
  return {
    ...base,
    ...extra,
    publishDefaults: { ...base.publishDefaults, ...extra.publishDefaults },
    videoCaptureDefaults: { ...base.videoCaptureDefaults, ...extra.videoCaptureDefaults },
  };
}
