import { useCallback } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { callActions } from '../call/slice';
import { selectProfileChange, selectVideoProfile } from '../call/selectors';
import type { CallRootState, ProfileChange, VideoProfileName } from '../call/types';

export interface VideoProfileState {
  profile: VideoProfileName;
  /** The last switch and why (`'user'`, or the negotiation-error fallback), or `null`. */
  change: ProfileChange | null;
  /** Applied with a controlled reconnect when in a call; recorded for the next call otherwise. */
  setProfile: (profile: VideoProfileName) => void;
}

export function useVideoProfile(): VideoProfileState {
  const dispatch = useDispatch();
  const profile = useSelector((state: CallRootState) => selectVideoProfile(state));
  const change = useSelector((state: CallRootState) => selectProfileChange(state));
  const setProfile = useCallback((next: VideoProfileName) => {
    dispatch(callActions.setVideoProfile(next));
  }, [dispatch]);
  return { profile, change, setProfile };
}
