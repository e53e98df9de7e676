import type { ProfileChange, VideoProfileName } from '../call/types';
import { isQualityFallback, QUALITY_RESTORED_REASON } from './quality-policy';

/** What the quality policy remembers between Room events; kept outside Redux, per session. */
export interface QualityMemory {
  /** Failed returns to HD and declined offers this session: each doubles the next healthy window. */
  failures: number;
  /** A return this policy made (offer accepted, or auto) is on trial until then (call clock). */
  probationUntil: number | null;
  /** An offer of ours stands (so a user's switch to HD now is its acceptance). */
  offered: boolean;
  /** The `stable` in use was chosen by this policy. Survives a new session, like the profile. */
  stableByQuality: boolean;
}

export function initialQualityMemory(profile: VideoProfileName, change: ProfileChange | null): QualityMemory {
  return { failures: 0, probationUntil: null, offered: false, stableByQuality: profile === 'stable' && isQualityFallback(change?.reason) };
}

/**
 * A new `join`: hysteresis starts over. Whether `stable` is ours carries on, because the profile
 * does (the join reducer keeps it) and a call left on quality's `stable` must not stay there forever.
 */
export const newSessionMemory = (memory: QualityMemory): QualityMemory => ({ ...memory, failures: 0, probationUntil: null, offered: false });

/**
 * Any profile change (ours, the user's, the NegotiationError window's). Switching to HD while our
 * offer stands is accepting it; that, and our automatic return, put HD on probation for `probationMs`.
 */
export function afterProfileChange(memory: QualityMemory, change: ProfileChange, now: number, probationMs: number): QualityMemory {
  const accepted = change.profile === 'hd' && change.reason === 'user' && memory.offered;
  const restored = change.profile === 'hd' && change.reason.startsWith(`${QUALITY_RESTORED_REASON}:`);
  return {
    ...memory,
    offered: false,
    stableByQuality: change.profile === 'stable' && isQualityFallback(change.reason),
    probationUntil: accepted || restored ? now + probationMs : null,
  };
}

/** Our fallback: inside the probation it is a failed return. */
export const afterQualityFallback = (memory: QualityMemory, inProbation: boolean): QualityMemory => ({
  ...memory,
  failures: memory.failures + (inProbation ? 1 : 0),
  probationUntil: null,
});

export const afterOffer = (memory: QualityMemory): QualityMemory => ({ ...memory, offered: true });

/** The user said no: the next offer waits a doubled window, counted from now. */
export const afterDismiss = (memory: QualityMemory): QualityMemory => ({ ...memory, offered: false, failures: memory.failures + (memory.offered ? 1 : 0) });
