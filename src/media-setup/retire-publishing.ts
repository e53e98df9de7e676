/**
 * A Room whose captures the call takes away must never publish them again. livekit-client's own
 * restart may still be on its way to re-publishing them (`republishAllTracks` after its
 * `restartTrack`), and a publish it deferred until its signal reconnects stops the track 15 s
 * later: that timer is only cleared when the signal connects, and it outlives a disconnect, so it
 * stopped a microphone the next Room was already sending.
 *
 * What it touches is livekit-client 2.x's LocalParticipant (`publishOrRepublishTrack`, `publish`,
 * `signalConnectedFuture`); each part is checked first, so a version without them is left as is.
 */
interface PublishingInternals {
  publishOrRepublishTrack?: (...args: unknown[]) => Promise<unknown>;
  publish?: (...args: unknown[]) => Promise<unknown>;
  signalConnectedFuture?: { isResolved?: boolean; resolve?: (value?: unknown) => void };
}

/** What a retired Room's publish rejects with: its captures were handed to the Room that replaces it. */
export class RoomRetiredError extends Error {
  constructor() {
    super('this Room was replaced: its captures are published by the next one');
    this.name = 'RoomRetiredError';
  }
}

const refuse = () => Promise.reject(new RoomRetiredError());

export function retirePublishing(participant: unknown): void {
  if (!participant || typeof participant !== 'object') return;
  const p = participant as PublishingInternals;
  if (typeof p.publishOrRepublishTrack === 'function') p.publishOrRepublishTrack = refuse;
  if (typeof p.publish === 'function') p.publish = refuse;
  // A publish waiting for the signal goes on now (its timer cleared) and is refused.
  const waiting = p.signalConnectedFuture;
  if (waiting && waiting.isResolved === false && typeof waiting.resolve === 'function') waiting.resolve();
}
