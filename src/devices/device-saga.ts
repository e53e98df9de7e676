import type { PayloadAction } from '@reduxjs/toolkit';
import { eventChannel, type EventChannel } from 'redux-saga';
import { call, put, select, take, takeEvery, takeLatest } from 'redux-saga/effects';
import type { DevicePayload } from '../call/setup-reducers';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import { DEVICE_KINDS, type CallState } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import type { ControllerContext } from '../controller/context';
import { errorMessage } from '../errors/redact';
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
function* reconcileDevices(ctx: ControllerContext) {
  const room = ctx.rooms.get() as (DeviceRoom & { getActiveDevice?(kind: string): string | undefined }) | undefined;
  if (!room || room.state !== 'connected') return;
  // Participants already in the Room came with its join response: no ParticipantConnected for them.
  applyVolumes(room, ((yield select(selectCall)) as CallState).participantVolumes);
  yield call(followDevices, ctx, room);
  const { devices, lostDevices }: CallState = yield select(selectCall);
  for (const kind of DEVICE_KINDS) {
    const chosen = devices[kind];
    if (!chosen || lostDevices[kind] || room.getActiveDevice?.(kind) === chosen) continue;
    try {
      yield call(switchDevice(room) ?? (async () => true), kind, chosen, true);
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
function* applyPick(ctx: ControllerContext, action: PayloadAction<DevicePayload>) {
  const { kind, deviceId, via } = action.payload;
  const room = ctx.rooms.get() as DeviceRoom | undefined;
  if (via === 'room' || !room || room.state !== 'connected') return;
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

export function* devicesSaga(ctx: ControllerContext) {
  const rooms: EventChannel<{ room: CallRoom | undefined }> = eventChannel((emit) => ctx.rooms.subscribe((room) => emit({ room })));
  yield takeLatest(rooms, function* ({ room }: { room: CallRoom | undefined }) {
    yield call(followRoom, ctx, room);
  });
  yield takeLatest(callActions.selectDevice.type, applyPick, ctx);
  yield takeLatest(callActions.connected.type, reconcileDevices, ctx);
  yield takeEvery(callActions.setParticipantVolume.type, function* (action: PayloadAction<{ identity: string }>) {
    const room = ctx.rooms.get() as DeviceRoom | undefined;
    if (room) applyVolumes(room, ((yield select(selectCall)) as CallState).participantVolumes, action.payload.identity);
  });
}
