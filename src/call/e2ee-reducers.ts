import type { PayloadAction } from '@reduxjs/toolkit';
import type { CallState } from './types';

/** Facts of end-to-end encryption (e2ee/); the sagas put only transitions. */
export const e2eeReducers = {
  /** The controller has `e2ee`; put at start and after each `join` (which resets the call's state). */
  e2eeConfigured(state: CallState) {
    state.e2ee.configured = true;
  },
  /** A new Room, or none: its encryption is off until its worker confirms it, and nobody is flagged yet. */
  e2eeRoomChanged(state: CallState) {
    state.e2ee.encrypted = false;
    state.e2ee.undecryptable = [];
  },
  /** The current Room's own encryption, as its E2EE worker reports it. */
  e2eeEncryptionChanged(state: CallState, action: PayloadAction<{ encrypted: boolean }>) {
    state.e2ee.encrypted = action.payload.encrypted;
  },
  /** A remote participant whose media cannot be decrypted (or is not encrypted), or no longer. */
  e2eeParticipantUndecryptable(state: CallState, action: PayloadAction<{ identity: string; undecryptable: boolean }>) {
    const { identity, undecryptable } = action.payload;
    const others = state.e2ee.undecryptable.filter((id) => id !== identity);
    state.e2ee.undecryptable = undecryptable ? [...others, identity] : others;
  },
  /**
   * Our own encryption broke on a Room that carries the call. `call/failed` came first; the
   * supervisor ends the session on this, which closes the Room: nothing more goes out.
   */
  e2eeBreached(state: CallState, _action: PayloadAction<{ reason: string }>) {
    state.e2ee.encrypted = false;
  },
};
