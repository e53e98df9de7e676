import type { QualityLevel, VideoProfileName } from '../call/types';

/** The reason of a quality fallback starts with this; the React notice keys its text on it. */
export const QUALITY_FALLBACK_REASON = 'quality';
/** The reason of the automatic return to HD (`hdRetry: 'auto'`). */
export const QUALITY_RESTORED_REASON = 'quality-restored';
/** The healthy window grows at most to this many times `hdRetryAfterMs`. */
export const MAX_HD_RETRY_FACTOR = 8;

/**
 * The healthy time `stable` needs before HD is offered back: `baseMs`, doubled for each failed
 * return or declined offer of this session, at most `MAX_HD_RETRY_FACTOR`×.
 */
export function nextHdRetryMs(failures: number, baseMs: number): number {
  const doublings = Number.isFinite(failures) && failures > 0 ? Math.floor(failures) : 0;
  return baseMs * Math.min(MAX_HD_RETRY_FACTOR, 2 ** Math.min(doublings, 30));
}

/** What the policy sees; times on the call clock. */
export interface QualityPolicyInput {
  now: number;
  /** The profile in the store and the one the Room in use was built with: both must agree. */
  profile: VideoProfileName;
  roomProfile: VideoProfileName | undefined;
  connected: boolean;
  /** When the Room in use started reporting poor/lost; `null` when it does not. */
  troubleSince: number | null;
  /** Since when the Room in use reports good/excellent while connected; `null` otherwise. */
  healthySince: number | null;
  /** A return to HD made by this policy (offer accepted, or auto) is on trial until then. */
  probationUntil: number | null;
  /** `stable` was chosen by this policy (not by the user, not by the NegotiationError window). */
  stableByQuality: boolean;
  offerStanding: boolean;
  /** Failed returns and declined offers this session. */
  failures: number;
  poorQualityMs: number;
  hdRetryAfterMs: number;
}

export type QualityStep =
  | { kind: 'fall-back'; troubleForMs: number; inProbation: boolean }
  | { kind: 'offer-hd'; healthyForMs: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'idle' };

const onProfile = (input: QualityPolicyInput, profile: VideoProfileName) =>
  input.connected && input.profile === profile && input.roomProfile === profile;

/**
 * On HD with trouble: fall back once it has lasted `poorQualityMs`, or at once when it began
 * inside the probation of a return to HD (that return failed; waiting again would only repeat it).
 */
export function shouldFallBackForQuality(input: QualityPolicyInput): QualityStep {
  const { now, troubleSince, probationUntil, poorQualityMs } = input;
  if (!onProfile(input, 'hd') || troubleSince === null) return { kind: 'idle' };
  const troubleForMs = Math.max(0, now - troubleSince);
  const inProbation = probationUntil !== null && troubleSince < probationUntil;
  if (inProbation || troubleForMs >= poorQualityMs) return { kind: 'fall-back', troubleForMs, inProbation };
  return { kind: 'wait', ms: poorQualityMs - troubleForMs };
}

/**
 * On a `stable` this policy chose, healthy and connected without a break for the (grown)
 * window: HD is offered back. Only one offer stands at a time.
 */
export function shouldOfferHd(input: QualityPolicyInput): QualityStep {
  const { now, healthySince, stableByQuality, offerStanding, failures, hdRetryAfterMs } = input;
  if (!onProfile(input, 'stable') || !stableByQuality || offerStanding || healthySince === null) return { kind: 'idle' };
  const healthyForMs = Math.max(0, now - healthySince);
  const windowMs = nextHdRetryMs(failures, hdRetryAfterMs);
  return healthyForMs >= windowMs ? { kind: 'offer-hd', healthyForMs } : { kind: 'wait', ms: windowMs - healthyForMs };
}

/** The one thing to do now, or how long until something may be due. */
export function qualityStep(input: QualityPolicyInput): QualityStep {
  const fallBack = shouldFallBackForQuality(input);
  return fallBack.kind === 'idle' ? shouldOfferHd(input) : fallBack;
}

export function qualityFallbackReason(level: QualityLevel, step: { troubleForMs: number; inProbation: boolean }): string {
  const ms = Math.round(step.troubleForMs);
  return step.inProbation
    ? `${QUALITY_FALLBACK_REASON}: ${level} again after the return to HD (${ms} ms)`
    : `${QUALITY_FALLBACK_REASON}: ${level} for ${ms} ms`;
}

export const qualityRestoredReason = (healthyForMs: number): string =>
  `${QUALITY_RESTORED_REASON}: healthy for ${Math.round(healthyForMs)} ms`;

/** Whether a profile change is a fallback of this policy (its reason says so). */
export const isQualityFallback = (reason: string | undefined): boolean => reason?.startsWith(`${QUALITY_FALLBACK_REASON}:`) ?? false;
