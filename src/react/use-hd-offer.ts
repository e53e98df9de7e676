import { useCallback } from 'react';
import { useDispatch, useSelector } from 'react-redux';
import { callActions } from '../call/slice';
import { selectHdOfferedAt, selectQualityTroubleSince } from '../call/selectors';
import type { CallRootState } from '../call/types';

export interface HdOffer {
  /** Epoch ms when HD was offered back after a quality fallback; `null` when no offer stands. */
  offeredAt: number | null;
  /** The connection quality is poor or lost right now (an offer is best not shown then). */
  qualityTrouble: boolean;
  /** Accepting is `setVideoProfile('hd')`; this declines (the next offer comes after a longer healthy window). */
  dismiss: () => void;
}

export function useHdOffer(): HdOffer {
  const dispatch = useDispatch();
  const offeredAt = useSelector((state: CallRootState) => selectHdOfferedAt(state));
  const qualityTrouble = useSelector((state: CallRootState) => selectQualityTroubleSince(state) !== null);
  const dismiss = useCallback(() => {
    dispatch(callActions.dismissHdOffer());
  }, [dispatch]);
  return { offeredAt, qualityTrouble, dismiss };
}
