import { createSelector } from '@reduxjs/toolkit';
import type { CallRootState, E2EEStatus } from './types';

/** `{ configured, encrypted }`: E2EE set up for this call, and the current Room's own tracks encrypted (memoized). */
export const selectE2EEStatus = createSelector(
  [(state: CallRootState) => state.call.e2ee.configured, (state: CallRootState) => state.call.e2ee.encrypted],
  (configured, encrypted): E2EEStatus => ({ configured, encrypted }),
);

/** Remote identities whose media cannot be decrypted (or is not encrypted) on the current Room. */
export const selectUndecryptableParticipants = (state: CallRootState): string[] => state.call.e2ee.undecryptable;
