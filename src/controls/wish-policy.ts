import { Track } from 'livekit-client';
import type { CallStateError, CallStatus, MediaSourceName } from '../call/types';

/**
 * What to do next for a wish from a routed `set*Enabled` call: `record` it as `desired` (not
 * connected: the re-apply after the reconnect takes it), `apply` it (dispatch the toggle: one SDK
 * call, serialized with the controller's), `wait` for the next action, `wait-quiet` (the same, but
 * apply it anyway if nobody has for a while), or `settle` the callers' promises.
 */
export type WishStep = 'settle' | 'record' | 'apply' | 'wait' | 'wait-quiet';

export interface WishView {
  status: CallStatus;
  /** What the Room in use publishes now. */
  live: boolean;
  desired: boolean;
  pending: boolean;
  /** Any source locked: a re-apply may be on its way through the sources. */
  anyPending: boolean;
  /** Screen share only: the re-apply declined it for want of a gesture (`needs-gesture`). */
  blocked: boolean;
  wish: boolean;
  /** An SDK call for this wish started (by us or by the re-apply). */
  tried: boolean;
  /** The wish went into `desired` while not connected. */
  recorded: boolean;
  /** Recorded, connected, and left alone for `toggleSettleMs`. */
  quiet: boolean;
  /** The call ended (leave, terminal disconnect, failed). */
  ended: boolean;
}

const ENDED: ReadonlySet<CallStatus> = new Set(['idle', 'disconnected', 'failed']);

export function nextWishStep(v: WishView): WishStep {
  if (v.ended || ENDED.has(v.status)) return 'settle';
  if (v.status !== 'connected') return v.recorded ? 'wait' : 'record';
  if (v.pending) return 'wait';
  if (v.live === v.wish && v.desired === v.wish) return 'settle';
  if (v.tried) return 'settle'; // it was tried and it is not live: a failure or a refusal
  // The re-apply after a reconnect owns a recorded wish (one source at a time); a screen share it
  // declined for want of a gesture is this call's to make: the click was the gesture.
  if (v.recorded && !(v.blocked && v.wish)) return v.anyPending ? 'wait' : v.quiet ? 'apply' : 'wait-quiet';
  return 'apply';
}

/** A settled wish rejects only when it failed for real (a `toggle-failed` error) and is not live. */
export function settlesWithFailure(live: boolean, wish: boolean, failure: CallStateError | undefined): boolean {
  return failure !== undefined && live !== wish;
}

/** The source a `toggle-failed` error is about (apply-source.ts writes `${source}: ${message}`). */
export function toggleFailureSource(error: CallStateError | null | undefined): MediaSourceName | undefined {
  if (error?.code !== 'toggle-failed' || typeof error.message !== 'string') return undefined;
  const source = error.message.slice(0, error.message.indexOf(':'));
  return source === 'camera' || source === 'microphone' || source === 'screenShare' ? source : undefined;
}

/** The message without the `${source}: ` prefix. */
export const failureMessage = (error: CallStateError): string => error.message.replace(/^[a-zA-Z]+: /, '');

export const TRACK_SOURCE: Record<MediaSourceName, Track.Source> = {
  camera: Track.Source.Camera,
  microphone: Track.Source.Microphone,
  screenShare: Track.Source.ScreenShare,
};
