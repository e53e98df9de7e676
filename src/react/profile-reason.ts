import type { ProfileChange } from '../call/types';

/** The negotiation fallback's reason starts with this (`FALLBACK_REASON` in src/negotiation). */
const NEGOTIATION_FALLBACK = 'negotiation-errors';

export interface ProfileReasonLabels {
  user: string;
  negotiation: string;
}

export const DEFAULT_PROFILE_REASONS: ProfileReasonLabels = {
  user: 'you switched it on',
  negotiation: 'HD video kept failing to connect',
};

/** Why the profile is what it is, in words; `null` when the state does not say. */
export function describeProfileChange(change: ProfileChange | null, labels: ProfileReasonLabels = DEFAULT_PROFILE_REASONS): string | null {
  if (!change) return null;
  if (change.reason === 'user') return labels.user;
  if (change.reason.startsWith(NEGOTIATION_FALLBACK)) return labels.negotiation;
  return null;
}
