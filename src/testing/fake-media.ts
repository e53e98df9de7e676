import { Track } from 'livekit-client';
import type { WatchableRoom, WatchedLocalPublication, WatchedRemotePublication } from '../health/room-media';
import type { FakeRoom } from './fake-room';

/** What fixes a broken feed: the watchdog's light remedy, a new Room, or nothing. */
export type FakeHeal = 'remedy' | 'reconnect' | 'never';

/** One stream as the network delivers it: frames (remote) or bytes (our camera) flow or not. */
export class FakeFeed {
  flowing = true;
  /** The publisher muted it (remote) / we muted it (local): silence is expected. */
  muted = false;
  heal: FakeHeal = 'remedy';
  remedies = 0;
  /** Thrown by the next `restartTrack` (the camera is gone). */
  restartError: unknown;

  /** Stops the media while everything else says live; `heal` says what brings it back. */
  break(heal: FakeHeal = 'remedy'): this {
    this.flowing = false;
    this.heal = heal;
    return this;
  }

  remedied(): void {
    this.remedies += 1;
    if (this.heal === 'remedy') this.flowing = true;
  }

  reconnected(): void {
    if (this.heal !== 'never') this.flowing = true;
  }
}

/** A counter that grows on every `getStats` while its feed flows, as frames or bytes would. */
function statsOf(type: string, field: string, feed: FakeFeed, active: () => boolean) {
  let count = 0;
  return {
    async getStats() {
      if (feed.flowing && active()) count += 30;
      return new Map([['s', { type, [field]: count }]]);
    },
    getParameters: () => ({ encodings: [{ active: true }] }),
  };
}

class FakeRemoteCamera implements WatchedRemotePublication {
  readonly kind = Track.Kind.Video;
  readonly source = Track.Source.Camera;
  isDesired = true;
  isEnabled = true;
  track: WatchedRemotePublication['track'];
  readonly subscriptionCalls: boolean[] = [];

  constructor(readonly trackSid: string, private readonly feed: FakeFeed) {
    this.track = this.newTrack();
  }
  get isMuted() {
    return this.feed.muted;
  }
  private newTrack() {
    return { streamState: Track.StreamState.Active, receiver: statsOf('inbound-rtp', 'framesDecoded', this.feed, () => this.isDesired) };
  }
  setSubscribed(subscribed: boolean): void {
    this.subscriptionCalls.push(subscribed);
    this.isDesired = subscribed;
    // A new subscription is a new receiver: its counters start again at 0.
    this.track = subscribed ? this.newTrack() : undefined;
    if (subscribed) this.feed.remedied();
  }
}

/**
 * Remote cameras and our own camera for the Room double, kept across Rooms the way the network
 * would: `attach` each new Room (or pass this to `createFakeRoomFactory({ media })`).
 */
export class FakeMediaWorld {
  readonly remote = new Map<string, FakeFeed>();
  readonly camera = new FakeFeed();
  private rooms = 0;

  /** A remote participant publishing a camera in every Room attached from now on. */
  addRemote(identity: string): FakeFeed {
    const feed = new FakeFeed();
    this.remote.set(identity, feed);
    return feed;
  }

  attach(room: FakeRoom): void {
    const n = ++this.rooms;
    if (n > 1) for (const feed of [...this.remote.values(), this.camera]) feed.reconnected();
    const cameras = new Map<string, FakeRemoteCamera>();
    const remoteParticipants = new Map([...this.remote].map(([identity, feed]) => {
      const pub = cameras.get(identity) ?? new FakeRemoteCamera(`TR_${identity}_${n}`, feed);
      cameras.set(identity, pub);
      return [identity, { identity, trackPublications: new Map([[pub.trackSid, pub as WatchedRemotePublication]]) }];
    }));
    const camera = this.camera;
    const participant = room.localParticipant;
    const sender = statsOf('outbound-rtp', 'bytesSent', camera, () => true);
    const track = {
      get isMuted() {
        return camera.muted;
      },
      sender,
      async restartTrack() {
        const error = camera.restartError;
        camera.restartError = undefined;
        if (error !== undefined) throw error;
        camera.remedied();
      },
    };
    const publication: WatchedLocalPublication = { trackSid: `TR_cam_${n}`, get isMuted() { return camera.muted; }, track };
    Object.assign(room, { remoteParticipants });
    Object.assign(participant, {
      getTrackPublication: (source: Track.Source) => (source === Track.Source.Camera && participant.isCameraEnabled ? publication : undefined),
    });
  }

  /** The remote camera publication of `identity` in `room` (for assertions on resubscribe calls). */
  remoteCamera(room: FakeRoom, identity: string): { subscriptionCalls: boolean[] } | undefined {
    const participants = (room as unknown as WatchableRoom).remoteParticipants;
    const pub = [...(participants?.get(identity)?.trackPublications.values() ?? [])][0];
    return pub as unknown as { subscriptionCalls: boolean[] } | undefined;
  }
}
