import type { VideoProfileName } from '../call/types';

/** Timestamps still inside the sliding window ending at `now`. */
export function inWindow(timestamps: readonly number[], now: number, windowMs: number): number[] {
  return timestamps.filter((t) => now - t < windowMs && t <= now);
}

export interface FallbackInput {
  timestamps: readonly number[];
  now: number;
  windowMs: number;
  threshold: number;
  profile: VideoProfileName;
}

/** Enough NegotiationErrors close together on `hd`: the device or path cannot take the heavy profile. */
export function shouldFallBackToStable({ timestamps, now, windowMs, threshold, profile }: FallbackInput): boolean {
  return profile === 'hd' && inWindow(timestamps, now, windowMs).length >= threshold;
}
