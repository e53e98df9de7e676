import { useSelector } from 'react-redux';
import type { CallRootState, E2EEState } from '../call/types';

/**
 * End-to-end encryption of the call: `configured` (the controller has `e2ee`), `encrypted` (the
 * current Room's own tracks are encrypted; false while a new Room connects) and `undecryptable`
 * (remote identities whose media cannot be decrypted). Re-renders only on transitions.
 */
export function useE2EEStatus(): E2EEState {
  return useSelector((state: CallRootState) => state.call.e2ee);
}
