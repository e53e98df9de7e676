import { performance } from 'node:perf_hooks';
import { callActions } from '../src/index';
import { sampleRoomMedia, type WatchableRoom, type WatchedRemotePublication } from '../src/health/room-media';
import { createWatchdogMemory, stepWatchdog } from '../src/health/watchdog-policy';
import { FakeMediaWorld, createFakeRoomFactory } from '../src/testing/index';
import { benchStore, median, until } from './harness';

const TRACKS = 8;
const TICKS = 2_000;

/**
 * A stats report shaped like Chromium's for one receiver (inbound-rtp, codec, transport,
 * candidate pair and candidates, remote-outbound, certificates…): ~14 entries to walk.
 */
function chromiumLikeReceiver() {
  let frames = 0;
  const others = ['codec', 'transport', 'candidate-pair', 'local-candidate', 'remote-candidate', 'remote-outbound-rtp', 'certificate', 'certificate', 'media-playout', 'track', 'stream', 'peer-connection', 'data-channel'];
  return {
    async getStats() {
      frames += 30;
      const report = new Map<string, Record<string, unknown>>([['IT01V', { type: 'inbound-rtp', kind: 'video', framesDecoded: frames, bytesReceived: frames * 1_000, packetsReceived: frames * 2, jitter: 0.01 }]]);
      others.forEach((type, i) => report.set(`X${i}`, { type, id: `X${i}`, timestamp: 1 }));
      return report;
    },
  };
}

function roomWithCameras(count: number): WatchableRoom {
  const participants = new Map<string, { identity: string; trackPublications: Map<string, WatchedRemotePublication> }>();
  for (let i = 0; i < count; i++) {
    const pub: WatchedRemotePublication = { trackSid: `TR_${i}`, source: 'camera', kind: 'video', isMuted: false, isDesired: true, isEnabled: true, track: { streamState: 'active', receiver: chromiumLikeReceiver() }, setSubscribed: () => undefined };
    participants.set(`p${i}`, { identity: `p${i}`, trackPublications: new Map([[pub.trackSid, pub]]) });
  }
  return { remoteParticipants: participants, localParticipant: { identity: 'me' } };
}

/** Main-thread ms the watchdog's own code spends a sampled track: reading the report and deciding. */
async function perTrackCost(): Promise<number> {
  const room = roomWithCameras(TRACKS);
  const memory = createWatchdogMemory();
  const limits = { staleMs: 4_000, reconnectCooldownMs: 60_000 };
  const runs: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    for (let tick = 0; tick < TICKS; tick++) stepWatchdog(memory, await sampleRoomMedia(room), tick * 1_000, limits);
    runs.push((performance.now() - start) / (TICKS * TRACKS));
  }
  return median(runs);
}

/** Dispatches of a whole store while 1,000 samples of two healthy tracks go by (real timers, 1 ms sampling). */
async function healthyDispatches(): Promise<{ samples: number; dispatches: number }> {
  const media = new FakeMediaWorld();
  media.addRemote('bob');
  const rooms = createFakeRoomFactory({ media });
  const { store, dispatches, task } = benchStore({ createRoom: rooms.createRoom, mediaSampleMs: 1 });
  store.dispatch(callActions.join({ roomName: 'bench', participantIdentity: 'ann', camera: true }));
  // Connected with the camera published and its toggle lock released: nothing else is due.
  await until(store, (s: { call: { status: string; media: { camera: { enabled: boolean; pending: boolean } } } }) => s.call.status === 'connected' && s.call.media.camera.enabled && !s.call.media.camera.pending);
  const room = rooms.last() as unknown as WatchableRoom;
  let samples = 0;
  const receiver = [...room.remoteParticipants!.get('bob')!.trackPublications.values()][0]!.track!.receiver!;
  const read = receiver.getStats.bind(receiver);
  receiver.getStats = () => ((samples += 1), read());
  const before = dispatches();
  while (samples < 1_000) await new Promise((resolve) => setTimeout(resolve, 5));
  const after = dispatches();
  task.cancel();
  return { samples, dispatches: after - before };
}

export async function measureWatchdog() {
  const msPerTrackSample = await perTrackCost();
  const healthy = await healthyDispatches();
  return { msPerTrackSample, dispatchesPer1000HealthySamples: Math.round((healthy.dispatches * 1_000) / healthy.samples) };
}
