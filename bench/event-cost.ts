import { RoomEvent } from 'livekit-client';
import { callActions } from '../src/index';
import { FakeRoom, createFakeRoomFactory } from '../src/testing/index';
import { benchStore, median, until } from './harness';

const EVENTS = 200_000;
const remote = { identity: 'bob' };

/** ns per emit of a remote TrackMuted (an event the controller listens to and must ignore). */
function timeEmits(room: FakeRoom): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) room.emit(RoomEvent.TrackMuted, {}, remote);
  return Number(process.hrtime.bigint() - start) / EVENTS;
}

export async function measureEventCost() {
  // Bare: one no-op listener on the same emitter class.
  const bare = new FakeRoom({}, () => ({}));
  bare.on(RoomEvent.TrackMuted, () => undefined);

  const rooms = createFakeRoomFactory();
  const { store, dispatches, task } = benchStore({ createRoom: rooms.createRoom });
  store.dispatch(callActions.join({ roomName: 'bench', participantIdentity: 'ann' }));
  await until(store, (s: { call: { status: string } }) => s.call.status === 'connected');
  const room = rooms.last();

  const bareRuns: number[] = [];
  const controllerRuns: number[] = [];
  for (let run = 0; run < 7; run++) {
    bareRuns.push(timeEmits(bare));
    controllerRuns.push(timeEmits(room));
  }
  const bareNs = median(bareRuns);
  const controllerNs = median(controllerRuns);

  const before = dispatches();
  room.emitChattyEvents(1_000);
  for (let i = 0; i < 1_000; i++) room.emit(RoomEvent.TrackMuted, {}, remote);
  await new Promise((resolve) => setTimeout(resolve, 10));
  const chattyDispatches = dispatches() - before;
  task.cancel();
  return { bareNsPerEvent: bareNs, controllerNsPerEvent: controllerNs, eventCostRatio: controllerNs / bareNs, dispatchesPer1000ChattyEvents: chattyDispatches / 2 };
}
