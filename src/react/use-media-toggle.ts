import { useCallback } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { callActions } from '../call/slice';
import { selectCanToggle, selectMediaSource, selectScreenShareBlockedReason } from '../call/selectors';
import type { CallRootState, MediaSourceName, ScreenShareBlockedReason } from '../call/types';

const TOGGLE_ACTION = {
  camera: callActions.toggleCamera,
  microphone: callActions.toggleMicrophone,
  screenShare: callActions.toggleScreenShare,
} as const satisfies Record<MediaSourceName, unknown>;

export interface MediaToggle {
  /** What the live local participant shows. */
  enabled: boolean;
  /** What the user wants (the controller re-applies it after reconnects). */
  desired: boolean;
  /** An SDK call for this source is in flight or settling. */
  pending: boolean;
  /** `false` while pending or while the call is not `connected`. */
  canToggle: boolean;
  /** Screen share only: `needs-gesture` when a wanted share was not started again after a reconnect (offer "Share again"). */
  blockedReason: ScreenShareBlockedReason | null;
  /** Asks for `wanted`, or flips the live state when called without a boolean. */
  toggle: (wanted?: boolean) => void;
}

/** State and toggle of one local media source, through the controller (one SDK call at a time). */
export function useMediaToggle(source: MediaSourceName): MediaToggle {
  const dispatch = useDispatch();
  const media = useSelector((state: CallRootState) => selectMediaSource(state, source));
  const canToggle = useSelector((state: CallRootState) => selectCanToggle(state, source));
  const blockedReason = useSelector((state: CallRootState) => (source === 'screenShare' ? selectScreenShareBlockedReason(state) : null));
  const toggle = useCallback(
    // Only a boolean is a wish: `onClick={toggle}` passes an event, which must not land in an action.
    (wanted?: boolean) => {
      dispatch(TOGGLE_ACTION[source](typeof wanted === 'boolean' ? wanted : undefined));
    },
    [dispatch, source],
  );
  return { enabled: media.enabled, desired: media.desired, pending: media.pending, canToggle, blockedReason, toggle };
}
