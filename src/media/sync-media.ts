import { put, select } from 'redux-saga/effects';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import { MEDIA_SOURCES, type CallState, type MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import { liveEnabled } from './live-media';

/** Mirrors the live participant into `media[source].enabled`; dispatches only on a real change. */
export function* syncLiveMedia(room: CallRoom) {
  const state: CallState = yield select(selectCall);
  const changes: Partial<Record<MediaSourceName, boolean>> = {};
  for (const source of MEDIA_SOURCES) {
    const live = liveEnabled(room.localParticipant, source);
    if (state.media[source].enabled !== live) changes[source] = live;
  }
  if (Object.keys(changes).length > 0) yield put(callActions.mediaSynced(changes));
}
