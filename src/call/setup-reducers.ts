import type { PayloadAction } from '@reduxjs/toolkit';
import type { CallDeviceKind, CallState, MediaSourceName, ProcessedSource, ProcessorLoss } from './types';

export interface DevicePayload {
  kind: CallDeviceKind;
  deviceId: string;
  /** Set by the library for a pick it saw on the Room (`switchActiveDevice`): already applied there. */
  via?: 'room';
}

/** What the call uses and what the user set on others: it outlives every Room (media-setup/, devices/). */
export const setupReducers = {
  /** The device the call uses from now on, whoever chose it (the action, `switchActiveDevice`, `MediaDeviceMenu`). */
  selectDevice(state: CallState, action: PayloadAction<DevicePayload>) {
    const { kind, deviceId } = action.payload;
    state.devices[kind] = deviceId === '' || deviceId === 'default' ? null : deviceId;
    delete state.lostDevices[kind];
  },
  /** The chosen device went away; the default is used until it is back (the choice itself stays). */
  deviceLost(state: CallState, action: PayloadAction<DevicePayload>) {
    state.lostDevices[action.payload.kind] = action.payload.deviceId;
  },
  /** A lost device is present again and in use. */
  deviceRestored(state: CallState, action: PayloadAction<DevicePayload>) {
    delete state.lostDevices[action.payload.kind];
  },
  /** A Room got the live captures of the one it replaced (no new getUserMedia / getDisplayMedia). */
  capturesMoved(_state: CallState, _action: PayloadAction<{ source: MediaSourceName; tracks: number }>) {},
  /** A capture opened again (or moved) could not get the processor back: that source publishes nothing until it is back. */
  processorLost(state: CallState, action: PayloadAction<ProcessorLoss & { source: ProcessedSource }>) {
    const { source, ...loss } = action.payload;
    state.lostProcessors[source] = loss;
  },
  /** The processor is on a capture of that source again (a retry or the app's new one): it is published. */
  processorRestored(state: CallState, action: PayloadAction<{ source: ProcessedSource }>) {
    delete state.lostProcessors[action.payload.source];
  },
  /** The app goes on without the processor of a source (the user chose the raw camera): a wanted source is published raw. */
  forgetProcessor(state: CallState, action: PayloadAction<{ source: ProcessedSource }>) {
    delete state.lostProcessors[action.payload.source];
  },
  setParticipantVolume(state: CallState, action: PayloadAction<{ identity: string; volume: number }>) {
    const { identity, volume } = action.payload;
    if (typeof identity !== 'string' || identity === '' || !Number.isFinite(volume)) return;
    state.participantVolumes[identity] = Math.min(1, Math.max(0, volume));
  },
};
