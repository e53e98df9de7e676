import type { RoomOptions } from 'livekit-client';
import { callActions } from '../src/index';
import { FakeRoom } from '../src/testing/index';
import { benchStore, until } from './harness';

const gc = (globalThis as { gc?: () => void }).gc;

/** N controlled reconnects with the Room double: one live Room at the end, no stray listeners, flat heap. */
export async function soak(cycles = 10_000, warmup = 500) {
  let live = 0;
  let strayListeners = 0;
  let previous: FakeRoom | undefined;
  const createRoom = (options: RoomOptions) => {
    // The Room being replaced must already be unlistened and disconnected.
    if (previous) strayListeners += previous.listenerCount() + previous.engine.listenerCount();
    const room = new FakeRoom(options, () => ({}));
    live += 1;
    const disconnect = room.disconnect.bind(room);
    room.disconnect = async (stop?: boolean) => {
      if (room.state !== 'disconnected') live -= 1;
      return disconnect(stop);
    };
    previous = room;
    return room;
  };
  const { store, task } = benchStore({ createRoom, reconnectCooldownMs: 0, maxReconnectAttempts: Number.MAX_SAFE_INTEGER });
  store.dispatch(callActions.join({ roomName: 'soak', participantIdentity: 'ann' }));
  await until(store, (s: { call: { status: string } }) => s.call.status === 'connected');

  const cycle = async () => {
    const key = (store.getState() as { call: { roomInstanceKey: number } }).call.roomInstanceKey;
    store.dispatch(callActions.forceReconnect({ reason: 'soak' }));
    await until(store, (s: { call: { roomInstanceKey: number; status: string } }) => s.call.roomInstanceKey === key + 1 && s.call.status === 'connected');
  };
  for (let i = 0; i < warmup; i++) await cycle();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = Date.now();
  for (let i = 0; i < cycles; i++) await cycle();
  const elapsedMs = Date.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc?.();
  const heapGrowthBytes = process.memoryUsage().heapUsed - heapBefore;
  const liveRooms = live;
  task.cancel();
  return { cycles, liveRooms, strayListeners, heapGrowthBytes, gcExposed: Boolean(gc), msPerCycle: elapsedMs / cycles };
}
