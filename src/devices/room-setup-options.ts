import type { RoomOptions } from 'livekit-client';
import type { CallDevices } from '../call/types';

export interface RoomSetup {
  devices: CallDevices;
  /** Processors last seen on the call's camera and microphone (reused for a capture opened again). */
  videoProcessor?: unknown;
  audioProcessor?: unknown;
}

/**
 * A Room built for this call starts on its devices and processors. A string `deviceId` is what
 * livekit-client tries exactly first and then as `ideal`, so a device that went away gives the
 * default instead of a failed capture (the device saga reports it). Local tracks are not stopped
 * when the Room lets go of them: the capture keeper decides (media-setup/capture-keeper.ts).
 */
export function roomOptionsWithSetup(options: RoomOptions, setup: RoomSetup): RoomOptions {
  const { videoinput, audioinput, audiooutput } = setup.devices;
  const video = { ...options.videoCaptureDefaults } as Record<string, unknown>;
  const audio = { ...options.audioCaptureDefaults } as Record<string, unknown>;
  if (videoinput) video.deviceId = videoinput;
  if (audioinput) audio.deviceId = audioinput;
  if (setup.videoProcessor && !video.processor) video.processor = setup.videoProcessor;
  if (setup.audioProcessor && !audio.processor) audio.processor = setup.audioProcessor;
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
