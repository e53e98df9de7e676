import { useSelector } from 'react-redux';
import { selectRemoteMediaHealth } from '../call/selectors';
import type { CallRootState, MediaHealthEntry } from '../call/types';

/**
 * The watchdog's view of one remote participant's video (`ok` / `stale` / `recovering`, since
 * when), e.g. for a "reconnecting video…" overlay on a tile. Changes only on transitions.
 */
export function useRemoteMediaHealth(identity: string): MediaHealthEntry {
  return useSelector((state: CallRootState) => selectRemoteMediaHealth(state, identity));
}

/** Our published camera's health; `null` until the watchdog flagged it once. */
export function useCameraHealth(): MediaHealthEntry | null {
  return useSelector((state: CallRootState) => state.call.mediaHealth.camera);
}
