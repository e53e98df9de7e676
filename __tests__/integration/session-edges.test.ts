import { ConnectionError, ConnectionState, DeviceUnsupportedError, DisconnectReason } from 'livekit-client';
import { put, takeEvery } from 'redux-saga/effects';
import { callActions, selectLastError } from '../../src';
import { advance, createCallStore, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

describe('leave, then join at once (switching rooms)', () => {
  it('the old session’s slow cleanup does not clear the new call’s Room', async () => {
    const t = await createJoinedStore();
    const old = t.rooms.last();
    old.disconnectDelayMs = 800; // disconnectQuietly waits up to DISCONNECT_WAIT_MS (1 s) for it
    t.store.dispatch(callActions.leave());
    t.store.dispatch(callActions.join({ roomName: 'breakout', participantIdentity: 'ann' }));
    await advance(2_000);

    expect(t.call().status).toBe('connected');
    expect(t.rooms.rooms).toHaveLength(2);
    const current = t.rooms.last();
    expect(current).not.toBe(old);
    expect(old.state).toBe(ConnectionState.Disconnected);
    expect(t.controller.getRoom()).toBe(current);
    // The new Room was built only once the old one was released.
    expect(current.connectCalls).toHaveLength(1);
    t.store.dispatch(callActions.toggleCamera());
    await advance(1_000);
    expect(current.localParticipant.calls).toEqual([expect.objectContaining({ source: 'camera', enabled: true })]);
    expect(t.rooms.leaks()).toEqual({ liveRooms: 1, strayListeners: 0 });
  });

  it('leave, join, leave at once: no session is started and nothing lingers', async () => {
    const t = await createJoinedStore();
    t.rooms.last().disconnectDelayMs = 800;
    t.store.dispatch(callActions.leave());
    t.store.dispatch(callActions.join({ roomName: 'breakout' }));
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    expect(t.call().status).toBe('disconnected');
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.controller.getRoom()).toBeUndefined();
    expect(t.rooms.leaks()).toEqual({ liveRooms: 0, strayListeners: 0 });
  });
});

describe('re-join from a disconnected or failed handler', () => {
  function* backToMainRoom() {
    yield takeEvery([callActions.disconnected.type, callActions.failed.type], function* () {
      yield put(callActions.join({ roomName: 'main', participantIdentity: 'ann' }));
    });
  }

  it('back to the main room after the breakout room is deleted', async () => {
    const t = createCallStore({}, backToMainRoom);
    t.store.dispatch(callActions.join({ roomName: 'breakout', participantIdentity: 'ann' }));
    await settle();
    const breakout = t.rooms.last();
    breakout.simulateDisconnected(DisconnectReason.ROOM_DELETED);
    await advance(2_000);

    expect(t.call()).toMatchObject({ status: 'connected', roomName: 'main' });
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.controller.getRoom()).toBe(t.rooms.last());
    expect(t.rooms.last().name).toBe('main');
    expect(t.logger.lines.filter((l) => l.text.includes('join ignored'))).toEqual([]);
  });

  it('a join from a failed handler starts a new session', async () => {
    const t = createCallStore({}, backToMainRoom);
    t.rooms.scriptConnect({ error: ConnectionError.notAllowed('permissions denied', 403) });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await advance(2_000);
    expect(t.count('call/failed')).toBe(1);
    expect(t.call().status).toBe('connected');
    expect(t.controller.getRoom()).toBe(t.rooms.last());
  });
});

describe('createRoom throws', () => {
  it('DeviceUnsupportedError from new Room({ e2ee }): failed with a typed error and one alert, not connecting forever', async () => {
    const t = createCallStore({
      createRoom: () => {
        throw new DeviceUnsupportedError('Cannot use E2EE on this browser');
      },
    });
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await advance(5_000);
    expect(t.call().status).toBe('failed');
    expect(selectLastError(t.store.getState())).toMatchObject({ kind: 'device', code: 'room-create-failed' });
    expect(t.alerts).toEqual([expect.objectContaining({ kind: 'device', count: 1 })]);
    expect(t.controller.getRoom()).toBeUndefined();
    // The app can try again (e.g. without e2ee) with a plain join.
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await advance(5_000);
    expect(t.count('call/failed')).toBe(2);
  });
});
