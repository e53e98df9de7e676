import { performance } from 'node:perf_hooks';
import { callActions } from '../src/index';
import { createFakeRoomFactory } from '../src/testing/index';
import { benchStore, median, until } from './harness';

const TOGGLES = 2_000;

/** Time from `dispatch(toggleCamera())` to the SDK's `setCameraEnabled` being called. */
export async function measureToggleLatency() {
  const rooms = createFakeRoomFactory();
  const { store, task } = benchStore({ createRoom: rooms.createRoom, toggleSettleMs: 0 });
  store.dispatch(callActions.join({ roomName: 'bench', participantIdentity: 'ann' }));
  await until(store, (s: { call: { status: string } }) => s.call.status === 'connected');
  const participant = rooms.last().localParticipant;
  let calledAt = 0;
  const original = participant.setCameraEnabled.bind(participant);
  participant.setCameraEnabled = (enabled: boolean) => {
    calledAt = performance.now();
    return original(enabled);
  };
  const samples: number[] = [];
  for (let i = 0; i < TOGGLES; i++) {
    const start = performance.now();
    store.dispatch(callActions.toggleCamera());
    samples.push(calledAt - start);
    await until(store, (s: { call: { media: { camera: { pending: boolean } } } }) => !s.call.media.camera.pending);
  }
  task.cancel();
  return { toggleAddedMs: median(samples), toggleAddedMsP99: [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.99)]!, sdkCalls: participant.calls.length };
}
