import { delay } from 'redux-saga/effects';
import { localCamera, watchedRemoteCameras, type WatchableRoom } from './room-media';
import type { TrackSample } from './watchdog-policy';

/** Between unsubscribe and subscribe: the server must see two updates, not one that cancels out. */
export const RESUBSCRIBE_GAP_MS = 150;

/** Unsubscribe → subscribe: the server builds a new down track (and the browser a new receiver). */
export function* resubscribe(room: WatchableRoom, sample: TrackSample) {
  const found = watchedRemoteCameras(room).find((c) => c.identity === sample.identity);
  if (!found) return false;
  found.publication.setSubscribed(false);
  yield delay(RESUBSCRIBE_GAP_MS);
  found.publication.setSubscribed(true);
  return true;
}

/** A new capture track on the same sender (livekit-client `LocalVideoTrack.restartTrack`). */
export async function restartCamera(room: WatchableRoom): Promise<boolean> {
  const track = localCamera(room)?.track;
  if (!track?.restartTrack) return false;
  await track.restartTrack();
  return true;
}
