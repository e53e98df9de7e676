import type { RoomOptions } from 'livekit-client';
import type { CallDevices } from '../call/types';

export interface RoomSetup {
  devices: CallDevices;
}

/**
 * A Room built for this call starts on its devices. A string `deviceId` is what livekit-client
 * tries exactly first and then as `ideal`, so a device that went away gives the default instead
 * of a failed capture (the device saga reports it). Local tracks are not stopped when the Room
 * lets go of them: the capture keeper decides (media-setup/capture-keeper.ts). No processor in
 * the capture defaults: a processed source is opened by media-setup/open-processed.ts, which
 * never publishes (nor leaks) a capture whose processor failed.
 */
export function roomOptionsWithSetup(options: RoomOptions, setup: RoomSetup): RoomOptions {
  const { videoinput, audioinput, audiooutput } = setup.devices;
  const video = { ...options.videoCaptureDefaults } as Record<string, unknown>;
  const audio = { ...options.audioCaptureDefaults } as Record<string, unknown>;
  if (videoinput) video.deviceId = videoinput;
  if (audioinput) audio.deviceId = audioinput;
  return {
    ...options,
    stopLocalTrackOnUnpublish: false,
    videoCaptureDefaults: video as RoomOptions['videoCaptureDefaults'],
    audioCaptureDefaults: audio as RoomOptions['audioCaptureDefaults'],
    ...(audiooutput ? { audioOutput: { ...options.audioOutput, deviceId: audiooutput } } : {}),
  };
}

/** Whether the app itself wants livekit-client's default (stop a track it unpublishes). */
export const appStopsOnUnpublish = (options: RoomOptions): boolean => options.stopLocalTrackOnUnpublish !== false;
