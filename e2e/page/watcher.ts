// The watcher: subscribes to everyone and samples decoded video frames per remote track.
import { Room, TokenSource, Track, type RemoteVideoTrack } from 'livekit-client';

const params = new URLSearchParams(location.search);
const tokenUrl = params.get('tokenUrl') ?? '';
const roomName = params.get('room') ?? 'e2e';
// The watcher connects straight to a server, not through the fault proxy: it must see the fault, not suffer it.
const directUrl = params.get('serverUrl');

interface Sample { at: number; identity: string; sid: string; frames: number }
const samples: Sample[] = [];
const lastFrames = new Map<string, number>();
let lastIncreaseAt = Date.now();
let room: Room | undefined;

/** framesDecoded of one track; a receiver that stopped answering must not stall the others. */
async function framesOf(track: RemoteVideoTrack): Promise<number | undefined> {
  const stats = await Promise.race([track.receiver?.getStats(), new Promise<undefined>((resolve) => setTimeout(resolve, 500))]);
  if (!stats) return undefined;
  let frames = 0;
  stats.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') frames = Math.max(frames, s.framesDecoded ?? 0);
  });
  return frames;
}

async function sample() {
  if (!room) return;
  const jobs: Promise<void>[] = [];
  for (const participant of room.remoteParticipants.values()) {
    for (const pub of participant.trackPublications.values()) {
      if (pub.kind !== Track.Kind.Video || !pub.track) continue;
      const track = pub.track as RemoteVideoTrack;
      jobs.push(
        framesOf(track).then(
          (frames) => {
            if (frames === undefined) return;
            if (frames > (lastFrames.get(pub.trackSid) ?? 0)) lastIncreaseAt = Date.now();
            lastFrames.set(pub.trackSid, frames);
            samples.push({ at: Date.now(), identity: participant.identity, sid: pub.trackSid, frames });
          },
          () => undefined,
        ),
      );
    }
  }
  await Promise.all(jobs);
  if (samples.length > 20_000) samples.splice(0, 5_000);
}

async function connect() {
  const { serverUrl, participantToken } = await TokenSource.endpoint(tokenUrl).fetch({ roomName, participantIdentity: `watcher-${Math.random().toString(36).slice(2, 8)}` });
  const next = new Room({ adaptiveStream: false });
  await next.connect(directUrl ?? serverUrl, participantToken, { rtcConfig: { iceServers: [] }, autoSubscribe: true });
  room = next;
}

/**
 * The watcher is a plain SDK client and meets the same faults (a node killed under it, an ICE
 * restart that never ends). It must measure, not suffer: after 8 s not connected, or 6 s without
 * a single new frame from anyone, it starts over.
 */
function keepWatching() {
  let unhealthySince: number | undefined;
  let rejoining = false;
  setInterval(() => {
    if (rejoining) return;
    // Connected with remote video but not one new frame for 6 s: a dead subscription, start over too.
    const hasVideo = room ? [...room.remoteParticipants.values()].some((p) => [...p.trackPublications.values()].some((t) => t.kind === Track.Kind.Video)) : false;
    const frozen = hasVideo && Date.now() - lastIncreaseAt > 6_000;
    if (room?.state === 'connected' && !frozen) {
      unhealthySince = undefined;
      return;
    }
    if (frozen) unhealthySince = 0; // no grace: it is already 6 s without a frame
    unhealthySince ??= Date.now();
    if (Date.now() - unhealthySince < 8_000) return;
    rejoining = true;
    const old = room;
    room = undefined;
    void old?.disconnect().catch(() => undefined);
    connect()
      .catch(() => undefined)
      .finally(() => {
        rejoining = false;
        unhealthySince = undefined;
        lastIncreaseAt = Date.now();
      });
  }, 1_000);
}

async function join() {
  await connect();
  setInterval(() => void sample(), 100);
  keepWatching();
}

(window as unknown as { __e2e: unknown }).__e2e = {
  kind: 'watcher',
  ready: true,
  join: () => join(),
  samples: (since = 0) => samples.filter((s) => s.at >= since),
  identities: () => (room ? [...room.remoteParticipants.keys()] : []),
  describe: () => ({
    state: room?.state,
    remote: room
      ? [...room.remoteParticipants.values()].map((p) => ({
          identity: p.identity,
          tracks: [...p.trackPublications.values()].map((t) => ({ sid: t.trackSid, kind: t.kind, subscribed: t.isSubscribed, hasTrack: Boolean(t.track), status: t.subscriptionStatus })),
        }))
      : [],
  }),
};
