import { ConnectionQuality } from 'livekit-client';
import type { QualityLevel } from '../call/types';

const LEVELS: Record<ConnectionQuality, QualityLevel> = {
  [ConnectionQuality.Excellent]: 'excellent',
  [ConnectionQuality.Good]: 'good',
  [ConnectionQuality.Poor]: 'poor',
  [ConnectionQuality.Lost]: 'lost',
  [ConnectionQuality.Unknown]: 'unknown',
};

/** livekit-client's `ConnectionQuality` as our level; anything else (a newer SDK's value, junk) is `unknown`. */
export function qualityLevel(quality: unknown): QualityLevel {
  return typeof quality === 'string' && Object.hasOwn(LEVELS, quality) ? LEVELS[quality as ConnectionQuality] : 'unknown';
}

/**
 * `lost` is the server's verdict that it receives none of our media; `poor` that it receives it
 * badly. Both are trouble for a heavy profile.
 */
export function isTrouble(level: QualityLevel): boolean {
  return level === 'poor' || level === 'lost';
}

export function isHealthy(level: QualityLevel): boolean {
  return level === 'good' || level === 'excellent';
}

/**
 * Whether a report moves anything the policy looks at. `unknown` says nothing (a fresh Room's
 * value before the server's first update) and is dropped; good ↔ excellent is the chatter of a
 * healthy call and is dropped too, so a healthy call costs no saga step and no dispatch.
 * `last` is the last level kept (`unknown` on a fresh Room).
 */
export function isQualityTransition(last: QualityLevel, next: QualityLevel): boolean {
  if (next === 'unknown' || next === last) return false;
  if (isTrouble(next) || isTrouble(last)) return true;
  return last === 'unknown'; // the first healthy report: the healthy window may start
}
