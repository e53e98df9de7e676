import type { PayloadAction } from '@reduxjs/toolkit';
import { eventChannel, type EventChannel } from 'redux-saga';
import { call, put, select, take, takeEvery, takeLatest } from 'redux-saga/effects';
import type { DevicePayload } from '../call/setup-reducers';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import { DEVICE_KINDS, type CallDeviceKind, type CallState, type MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { errorMessage } from '../errors/redact';
import { captureDeviceOf, isMovable, mediaSourceOf } from '../media-setup/kept-track';
import { deviceChanges, type DeviceChange } from './device-presence';
import { deviceSignals, switchDevice, type DeviceRoom, type DeviceSignal } from './room-devices';

function applyVolumes(room: DeviceRoom, volumes: Record<string, number>, only?: string): void {
  for (const [identity, volume] of Object.entries(volumes)) {
    if (only === undefined || only === identity) room.remoteParticipants?.get(identity)?.setVolume?.(volume);
  }
}

/** A chosen device went away (default in use, a notice, no error) or is back (used again). */
function* followDevices(ctx: ControllerContext, room: DeviceRoom) {
  const list = ctx.options.enumerateDevices;
  if (!list) return;
  let available: { kind: string; deviceId: string }[];
  try {
    available = yield call(list);
  } catch {
    return;
  }
  const state: CallState = yield select(selectCall);
  const changes: DeviceChange[] = deviceChanges(state.devices, state.lostDevices, available);
  for (const { kind, deviceId, change } of changes) {
    const to = change === 'lost' ? 'default' : deviceId;
    try {
      yield call(switchDevice(room) ?? (async () => true), kind, to, change === 'back');
    } catch (error) {
      ctx.logger.info(`[redux-livekit-call] ${kind}: switching to ${change === 'lost' ? 'the default' : 'the chosen device'} failed: ${errorMessage(error)}`);
    }
    if (change === 'lost') {
      ctx.logger.info(`[redux-livekit-call] the chosen ${kind} went away; the default is used until it is back`);
      yield put(callActions.deviceLost({ kind, deviceId }));
    } else yield put(callActions.deviceRestored({ kind, deviceId }));
  }
}

/**
 * Once a Room is connected with its captures: the volumes set on others apply to who is there, and
 * the live devices are the chosen ones (a pick made while reconnecting, or a moved track still on
 * the device it had), unless a chosen one is gone.
 */
function* reconcileDevices(ctx: ControllerContext, picked: Set<CallDeviceKind>) {
  const room = ctx.rooms.get() as (DeviceRoom & { getActiveDevice?(kind: string): string | undefined }) | undefined;
  if (!room || room.state !== 'connected') return;
  // Participants already in the Room came with its join response: no ParticipantConnected for them.
  applyVolumes(room, ((yield select(selectCall)) as CallState).participantVolumes);
  yield call(followDevices, ctx, room);
  const { devices, lostDevices }: CallState = yield select(selectCall);
  for (const kind of DEVICE_KINDS) {
    // "The default" picked while reconnecting: a moved capture is still on the device it had.
    const chosen = devices[kind] ?? (picked.has(kind) ? 'default' : null);
    picked.delete(kind);
    if (!chosen || lostDevices[kind] || room.getActiveDevice?.(kind) === chosen) continue;
    try {
      yield call(switchDevice(room) ?? (async () => true), kind, chosen, chosen !== 'default');
    } catch (error) {
      ctx.logger.info(`[redux-livekit-call] ${kind}: the chosen device could not be used on the new Room: ${errorMessage(error)}`);
    }
  }
}

function* onDeviceSignal(ctx: ControllerContext, room: DeviceRoom, signal: DeviceSignal) {
  if (signal.type === 'picked') yield put(callActions.selectDevice({ kind: signal.kind, deviceId: signal.deviceId, via: 'room' }));
  else if (signal.type === 'participant') applyVolumes(room, ((yield select(selectCall)) as CallState).participantVolumes, signal.identity);
  else yield call(followDevices, ctx, room);
}

/** Everything the call set up that this Room must know, for as long as it is the Room in use. */
function* followRoom(ctx: ControllerContext, room: CallRoom | undefined) {
  if (!room) return;
  const signals = deviceSignals(room);
  try {
    const state: CallState = yield select(selectCall);
    applyVolumes(room, state.participantVolumes);
    for (;;) yield call(onDeviceSignal, ctx, room, (yield take(signals)) as DeviceSignal);
  } finally {
    signals.close();
  }
}

/** A pick by action goes to the Room in use now; a Room built later starts on it anyway. */
function* applyPick(ctx: ControllerContext, picked: Set<CallDeviceKind>, action: PayloadAction<DevicePayload>) {
  const { kind, deviceId, via } = action.payload;
  const room = ctx.rooms.get() as DeviceRoom | undefined;
  if (via === 'room') return;
  if (!room || room.state !== 'connected') return void picked.add(kind); // for the next connected Room
  try {
    yield call(switchDevice(room) ?? (async () => true), kind, deviceId, deviceId !== 'default');
  } catch (error) {
    const message = `${kind} ${deviceId}: ${errorMessage(error)}`;
    yield put(callActions.errorOccurred({ kind: 'device', code: 'device-unavailable', message, at: Date.now() }));
    // The call keeps the device it has: the failed pick is not the choice.
    const active = (room as { getActiveDevice?(kind: string): string | undefined }).getActiveDevice?.(kind);
    yield put(callActions.selectDevice({ kind, deviceId: active ?? 'default', via: 'room' }));
    ctx.logger.warn(`[redux-livekit-call] device switch failed: ${message}`);
  }
}

const KIND_OF = { camera: 'videoinput', microphone: 'audioinput' } as const;

/**
 * A capture that was opening while the user picked another device (getUserMedia takes its time)
 * comes up on the device it asked for: once published, it is moved to the chosen one.
 */
function* alignSettled(ctx: ControllerContext, action: PayloadAction<{ source: MediaSourceName; enabled: boolean }>) {
  const { source, enabled } = action.payload;
  const room = ctx.rooms.get() as DeviceRoom | undefined;
  if (!enabled || source === 'screenShare' || !room || room.state !== 'connected' || !isMovable(room.localParticipant)) return;
  const kind = KIND_OF[source];
  const { devices, lostDevices }: CallState = yield select(selectCall);
  const chosen = devices[kind];
  if (!chosen || lostDevices[kind]) return;
  const track = [...room.localParticipant.trackPublications.values()].find((p) => p.track && mediaSourceOf(p.track) === source && p.track.source !== 'screen_share')?.track;
  const actual = track && captureDeviceOf(track);
  if (!actual || actual === chosen) return;
  try {
    yield call(switchDevice(room) ?? (async () => true), kind, chosen, true);
  } catch (error) {
    ctx.logger.info(`[redux-livekit-call] ${kind}: the new capture could not be moved to the chosen device: ${errorMessage(error)}`);
  }
}

export function* devicesSaga(ctx: ControllerContext) {
  yield takeEvery(callActions.toggleSettled.type, alignSettled, ctx);
  const rooms: EventChannel<{ room: CallRoom | undefined }> = eventChannel((emit) => ctx.rooms.subscribe((room) => emit({ room })));
  yield takeLatest(rooms, function* ({ room }: { room: CallRoom | undefined }) {
    yield call(followRoom, ctx, room);
  });
  // Kinds picked while no Room was connected (reconcileDevices applies them).
  const picked = new Set<CallDeviceKind>();
  yield takeLatest(callActions.selectDevice.type, applyPick, ctx, picked);
  yield takeLatest(callActions.connected.type, reconcileDevices, ctx, picked);
  yield takeEvery(callActions.setParticipantVolume.type, function* (action: PayloadAction<{ identity: string }>) {
    const room = ctx.rooms.get() as DeviceRoom | undefined;
    if (room) applyVolumes(room, ((yield select(selectCall)) as CallState).participantVolumes, action.payload.identity);
  });
}
