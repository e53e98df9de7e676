import { DEVICE_KINDS, type CallDeviceKind, type CallDevices } from '../call/types';

export interface DeviceChange {
  kind: CallDeviceKind;
  deviceId: string;
  /** `lost`: chosen and no longer listed; `back`: lost before and listed again. */
  change: 'lost' | 'back';
}

/**
 * What `enumerateDevices` says about the chosen devices. A list with no ids of a kind (no
 * permission yet: labels and ids are hidden) says nothing about that kind.
 */
export function deviceChanges(devices: CallDevices, lost: Partial<Record<CallDeviceKind, string>>, available: readonly { kind: string; deviceId: string }[]): DeviceChange[] {
  const changes: DeviceChange[] = [];
  for (const kind of DEVICE_KINDS) {
    const chosen = devices[kind];
    if (!chosen) continue;
    const listed = available.filter((d) => d.kind === kind && d.deviceId !== '');
    if (listed.length === 0) continue;
    const present = listed.some((d) => d.deviceId === chosen);
    if (!present && lost[kind] !== chosen) changes.push({ kind, deviceId: chosen, change: 'lost' });
    if (present && lost[kind] === chosen) changes.push({ kind, deviceId: chosen, change: 'back' });
  }
  return changes;
}
