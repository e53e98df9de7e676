import type { ProfileChange } from '../call/types';
import { isQualityFallback } from '../quality/quality-policy';

/** The negotiation fallback's reason starts with this (`FALLBACK_REASON` in src/negotiation). */
const NEGOTIATION_FALLBACK = 'negotiation-errors';

export interface ProfileReasonLabels {
  user: string;
  negotiation: string;
  /** The quality-driven fallback (poor or lost connection quality for `poorQualityMs`). */
  quality?: string;
}

export const DEFAULT_PROFILE_REASONS: Required<ProfileReasonLabels> = {
  user: 'you switched it on',
  negotiation: 'HD video kept failing to connect',
  quality: 'the connection was too poor for HD',
};

/** Why the profile is what it is, in words; `null` when the state does not say. */
export function describeProfileChange(change: ProfileChange | null, labels: ProfileReasonLabels = DEFAULT_PROFILE_REASONS): string | null {
  if (!change) return null;
  if (change.reason === 'user') return labels.user;
  if (change.reason.startsWith(NEGOTIATION_FALLBACK)) return labels.negotiation;
  if (isQualityFallback(change.reason)) return labels.quality ?? DEFAULT_PROFILE_REASONS.quality;
  return null;
}
