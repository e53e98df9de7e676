import { RoomEvent } from 'livekit-client';
import type { MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import { isKeepable, isMovable, mediaSourceOf, type KeptPublication, type KeptTrack } from './kept-track';
import { retirePublishing } from './retire-publishing';

/**
 * The one owner of the call's captures between Rooms: what a Room lets go of is kept here (not
 * stopped) until the next Room publishes it, or stopped when the call ends.
 */
export interface CaptureKeeper {
  /** Captures a Room lets go of on its own (server leave, the SDK giving up) are kept; returns the unwatch. */
  watch(room: CallRoom, stopOnAppUnpublish: boolean): () => void;
  /** Takes every capture off `room` without stopping it; the rest (ended ones) is stopped. */
  detachAll(room: CallRoom): Promise<void>;
  /** Hands over the kept tracks of a source (a screen share may have audio too). */
  take(source: MediaSourceName): KeptTrack[];
  has(source: MediaSourceName): boolean;
  keep(track: KeptTrack): void;
  /** The processor last seen on a source's capture: a new capture of that source gets it before it is published. */
  processorFor(source: MediaSourceName): unknown;
  /** The processor a new capture of that source must get (the app's own, from `setCameraEnabled(true, { processor })`); `undefined` forgets it. */
  wantProcessor(source: MediaSourceName, processor: unknown): void;
  /** The processor the app has on the published capture of `source` now (its own `setProcessor` / `stopProcessor`) is the one to keep. */
  followPublished(room: CallRoom, source: MediaSourceName): void;
  /**
   * The call is over: every capture still on `room` is stopped before it disconnects (a server
   * leave arriving meanwhile would let go of them unstopped), and every kept one too.
   */
  stopAll(room: CallRoom): void;
  /** Every kept capture, and every one let go of mid-restart, is stopped. */
  releaseAll(): void;
  size(): number;
}

export const DETACH_WAIT_MS = 1_000;

const isPublishedOn = (room: CallRoom, track: KeptTrack) =>
  isMovable(room.localParticipant) && [...room.localParticipant.trackPublications.values()].some((p) => p.track === track);

export function createCaptureKeeper(): CaptureKeeper {
  const kept = new Map<MediaSourceName, KeptTrack[]>();
  const processors = new Map<MediaSourceName, unknown>();
  // Rooms whose captures are being taken off by detachAll: their unpublish events are ours.
  const detaching = new WeakSet<CallRoom>();
  // Let go of while a Room's SDK restarted (its republish): once the restart ends (Reconnected or
  // Disconnected) whatever it did not publish again is kept, never left running on its own.
  const limbo = new Set<KeptTrack>();
  const limboOf = new WeakMap<CallRoom, Set<KeptTrack>>();
  const settleLimbo = (room: CallRoom) => {
    const mine = limboOf.get(room);
    for (const track of mine ?? []) {
      limbo.delete(track);
      if (!isPublishedOn(room, track)) keep(track);
    }
    mine?.clear();
  };

  const remember = (track: KeptTrack) => {
    const source = mediaSourceOf(track);
    if (source && source !== 'screenShare') processors.set(source, track.getProcessor?.());
  };
  const keep = (track: KeptTrack) => {
    const source = mediaSourceOf(track);
    remember(track);
    if (!source || !isKeepable(track)) return track.stop();
    const list = kept.get(source) ?? [];
    if (!list.includes(track)) kept.set(source, [...list, track]);
  };

  return {
    watch(room, stopOnAppUnpublish) {
      const mine = new Set<KeptTrack>();
      limboOf.set(room, mine);
      const decide = (track: KeptTrack) => {
        if (isPublishedOn(room, track)) return;
        if (room.state === 'disconnected') keep(track);
        else if (room.state === 'connected') {
          // The app (or a control) unpublished it: what livekit-client's default would do.
          if (stopOnAppUnpublish) track.stop();
        } else {
          limbo.add(track);
          mine.add(track);
        }
      };
      const onUnpublished = (pub: KeptPublication) => {
        const track = pub?.track;
        if (!track || !mediaSourceOf(track) || detaching.has(room)) return;
        // The Room's own disconnect emits this before its state says so: decide once it has.
        void Promise.resolve().then(() => decide(track));
      };
      const onRestartEnded = () => settleLimbo(room);
      room.on(RoomEvent.LocalTrackUnpublished, onUnpublished);
      room.on(RoomEvent.Disconnected, onRestartEnded);
      room.on(RoomEvent.Reconnected, onRestartEnded);
      return () => {
        room.off(RoomEvent.LocalTrackUnpublished, onUnpublished);
        room.off(RoomEvent.Disconnected, onRestartEnded);
        room.off(RoomEvent.Reconnected, onRestartEnded);
      };
    },
    async detachAll(room) {
      const participant = room.localParticipant;
      if (!isMovable(participant)) return;
      retirePublishing(participant);
      settleLimbo(room);
      detaching.add(room);
      const pending: Promise<unknown>[] = [];
      try {
        for (const pub of [...participant.trackPublications.values()]) {
          const track = pub.track;
          if (!track || !mediaSourceOf(track)) continue;
          remember(track); // before a stop takes the processor with it
          const stop = !isKeepable(track);
          if (!stop) keep(track);
          pending.push(participant.unpublishTrack(track, stop));
        }
      } finally {
        detaching.delete(room);
      }
      // Taken off synchronously, unless a publish of it was still pending: only that is waited for
      // (briefly); the old Room's renegotiation is not, it is about to be closed anyway.
      const settled = Promise.allSettled(pending);
      if (![...participant.trackPublications.values()].some((p) => p.track && kept.get(mediaSourceOf(p.track)!)?.includes(p.track))) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, DETACH_WAIT_MS)))]);
      clearTimeout(timer);
    },
    take(source) {
      const list = kept.get(source) ?? [];
      kept.delete(source);
      return list;
    },
    has: (source) => (kept.get(source)?.length ?? 0) > 0,
    keep,
    processorFor: (source) => processors.get(source),
    wantProcessor: (source, processor) => void processors.set(source, processor),
    followPublished(room, source) {
      if (!isMovable(room.localParticipant)) return;
      for (const pub of room.localParticipant.trackPublications.values()) if (pub.track && mediaSourceOf(pub.track) === source) remember(pub.track);
    },
    stopAll(room) {
      if (!isMovable(room.localParticipant)) return;
      for (const pub of room.localParticipant.trackPublications.values()) if (pub.track && mediaSourceOf(pub.track)) pub.track.stop();
    },
    releaseAll() {
      for (const list of kept.values()) for (const track of list) track.stop();
      for (const track of limbo) track.stop();
      kept.clear();
      limbo.clear();
      processors.clear();
    },
    size: () => [...kept.values()].reduce((n, list) => n + list.length, 0),
  };
}
