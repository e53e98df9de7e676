// The watcher: subscribes to everyone and samples decoded video frames per remote track.
import { Room, TokenSource, Track, type E2EEOptions, type RemoteTrackPublication, type RemoteVideoTrack } from 'livekit-client';
import { watchMarkers } from './marker-watch';

const params = new URLSearchParams(location.search);
const tokenUrl = params.get('tokenUrl') ?? '';
const roomName = params.get('room') ?? 'e2e';
// The watcher connects straight to a server, not through the fault proxy: it must see the fault, not suffer it.
const directUrl = params.get('serverUrl');
// A fixed identity (kept across rejoins) for scenarios that address the watcher by name (a volume set on it).
const fixedIdentity = params.get('identity');
// `frozenRejoin=false`: rejoin only when the Room is down, not when no frame arrives (a scenario whose subjects all go dark on purpose).
const frozenRejoin = params.get('frozenRejoin') !== 'false';

interface Sample { at: number; identity: string; sid: string; frames: number; source: string }
const samples: Sample[] = [];
const lastFrames = new Map<string, number>();
/** Per track: when its frame count last grew (or when the watcher first saw it). */
const lastGrowth = new Map<string, number>();
let lastIncreaseAt = Date.now();
let room: Room | undefined;
/**
 * A resubscribe or a rejoin gives a track a new receiver whose count starts at 0; counting on from
 * the last value keeps each track's count monotonic, which the recovery measure relies on.
 */
const receivers = new Map<string, { track: RemoteVideoTrack; base: number }>();
let rejoins = 0;
const rejoinedAt: number[] = [];
let resubscribes = 0;

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
      let receiver = receivers.get(pub.trackSid);
      if (receiver?.track !== track) {
        receiver = { track, base: lastFrames.get(pub.trackSid) ?? 0 };
        receivers.set(pub.trackSid, receiver);
      }
      const base = receiver.base;
      jobs.push(
        framesOf(track).then(
          (raw) => {
            if (raw === undefined) return;
            const frames = base + raw;
            if (frames > (lastFrames.get(pub.trackSid) ?? 0)) {
              lastIncreaseAt = Date.now();
              lastGrowth.set(pub.trackSid, Date.now());
            }
            lastFrames.set(pub.trackSid, frames);
            samples.push({ at: Date.now(), identity: participant.identity, sid: pub.trackSid, frames, source: pub.source });
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
  const { serverUrl, participantToken } = await TokenSource.endpoint(tokenUrl).fetch({ roomName, participantIdentity: fixedIdentity ?? `watcher-${Math.random().toString(36).slice(2, 8)}` });
  const next = new Room({ adaptiveStream: false, e2ee: (globalThis as { __e2eeOptions?: E2EEOptions }).__e2eeOptions }); // set only by e2ee.ts's keyed watcher (issue 19)
  await next.connect(directUrl ?? serverUrl, participantToken, { rtcConfig: { iceServers: [] }, autoSubscribe: true });
  room = next;
}

/**
 * One publisher's track can go dark for the watcher alone (a subscription the server set up for a
 * participant that then restarted) while the others keep flowing: after 6 s without a new frame,
 * unsubscribe and subscribe again. Harmless when the publisher is really gone.
 */
function resubscribeStale() {
  if (room?.state !== 'connected') return;
  for (const participant of room.remoteParticipants.values()) {
    for (const pub of participant.trackPublications.values()) {
      if (pub.kind !== Track.Kind.Video || pub.isMuted) continue;
      const since = lastGrowth.get(pub.trackSid);
      if (since === undefined) {
        lastGrowth.set(pub.trackSid, Date.now());
        continue;
      }
      if (Date.now() - since < 6_000) continue;
      lastGrowth.set(pub.trackSid, Date.now());
      resubscribes++;
      const remote = pub as RemoteTrackPublication;
      remote.setSubscribed(false);
      setTimeout(() => remote.setSubscribed(true), 300);
    }
  }
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
    resubscribeStale();
    // Connected with remote video but not one new frame for 6 s: a dead subscription, start over too.
    const hasVideo = room ? [...room.remoteParticipants.values()].some((p) => [...p.trackPublications.values()].some((t) => t.kind === Track.Kind.Video)) : false;
    const frozen = frozenRejoin && hasVideo && Date.now() - lastIncreaseAt > 6_000;
    if (room?.state === 'connected' && !frozen) {
      unhealthySince = undefined;
      return;
    }
    if (frozen) unhealthySince = 0; // no grace: it is already 6 s without a frame
    unhealthySince ??= Date.now();
    if (Date.now() - unhealthySince < 8_000) return;
    rejoining = true;
    rejoins++;
    rejoinedAt.push(Date.now());
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

// `markers=1`: every remote camera shown and each frame checked for the marker block (the media-setup scenario only: it costs CPU).
const markers = params.get('markers') === '1' ? watchMarkers(() => room) : undefined;

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
  markers: () => markers?.markers() ?? {},
  describe: () => ({
    state: room?.state,
    rejoins,
    rejoinedAt,
    resubscribes,
    remote: room
      ? [...room.remoteParticipants.values()].map((p) => ({
          identity: p.identity,
          tracks: [...p.trackPublications.values()].map((t) => ({ sid: t.trackSid, kind: t.kind, subscribed: t.isSubscribed, hasTrack: Boolean(t.track), status: t.subscriptionStatus })),
        }))
      : [],
  }),
};
