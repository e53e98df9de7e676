import { RoomEvent } from 'livekit-client';
import { buffers, eventChannel, type EventChannel } from 'redux-saga';
import type { CallDeviceKind } from '../call/types';
import type { CallRoom } from '../connection/room-surface';

export type DeviceSignal =
  /** A pick through `room.switchActiveDevice` (components-react's MediaDeviceMenu, app code) that worked. */
  | { type: 'picked'; kind: CallDeviceKind; deviceId: string }
  | { type: 'participant'; identity: string }
  | { type: 'devices-changed' };

type Switch = (kind: MediaDeviceKind, deviceId: string, exact?: boolean) => Promise<boolean>;
export interface DeviceRoom extends CallRoom {
  switchActiveDevice?: Switch;
  remoteParticipants?: ReadonlyMap<string, { setVolume?(volume: number): void }>;
}

const KINDS: readonly string[] = ['videoinput', 'audioinput', 'audiooutput'];
const ORIGINAL = new WeakMap<object, Switch>();

/** The Room's own switchActiveDevice, for the controller's calls (they are not picks to record again). */
export const switchDevice = (room: DeviceRoom): Switch | undefined => ORIGINAL.get(room) ?? room.switchActiveDevice?.bind(room);

/**
 * Picks made on a Room the controller built are the call's, whoever made them: its
 * switchActiveDevice is routed through here. Not `ActiveDeviceChanged`: livekit-client also emits
 * it for whatever device a new capture happened to open, which is not a choice.
 */
export function deviceSignals(room: DeviceRoom): EventChannel<DeviceSignal> {
  return eventChannel<DeviceSignal>((emit) => {
    const own = room.switchActiveDevice?.bind(room);
    const ownProperty = Object.prototype.hasOwnProperty.call(room, 'switchActiveDevice');
    if (own) {
      ORIGINAL.set(room, own);
      room.switchActiveDevice = async (kind, deviceId, exact) => {
        const ok = await own(kind, deviceId, exact);
        if (ok !== false && KINDS.includes(kind)) emit({ type: 'picked', kind: kind as CallDeviceKind, deviceId });
        return ok;
      };
    }
    const onParticipant = (p: { identity?: string }) => typeof p?.identity === 'string' && emit({ type: 'participant', identity: p.identity });
    const onDevices = () => emit({ type: 'devices-changed' });
    room.on(RoomEvent.ParticipantConnected, onParticipant);
    // The Room re-emits the browser's devicechange as MediaDevicesChanged.
    room.on(RoomEvent.MediaDevicesChanged, onDevices);
    room.on(RoomEvent.ActiveDeviceChanged, onDevices);
    return () => {
      if (own) {
        if (ownProperty) room.switchActiveDevice = own;
        else delete room.switchActiveDevice;
        ORIGINAL.delete(room);
      }
      room.off(RoomEvent.ParticipantConnected, onParticipant);
      room.off(RoomEvent.MediaDevicesChanged, onDevices);
      room.off(RoomEvent.ActiveDeviceChanged, onDevices);
    };
  }, buffers.expanding<DeviceSignal>(8));
}
