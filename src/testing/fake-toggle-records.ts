import type { FakeSource } from './fake-participant';

/** A scripted outcome for the next set*Enabled call of one source. */
export type FakeToggleStep = {
  delayMs?: number;
  error?: unknown;
  /** As livekit-client does when creating the track fails: emit `MediaDevicesError` with the error, then reject with it. */
  mediaDevicesError?: boolean;
};

/** One SDK toggle call the Room double's participant received. */
export interface FakeToggleCall {
  source: FakeSource;
  enabled: boolean;
  at: number;
  /** Calls of this source in flight when this one started (0 = serialized). */
  concurrent: number;
  /** Capture and publish options passed after `enabled`. */
  args: unknown[];
}
