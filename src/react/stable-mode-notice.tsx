import { describeProfileChange, DEFAULT_PROFILE_REASONS, type ProfileReasonLabels } from './profile-reason';
import { useHdOffer } from './use-hd-offer';
import { useVideoProfile } from './use-video-profile';
import { cx } from './class-names';

export interface StableModeNoticeLabels extends ProfileReasonLabels {
  title: string;
  backToHd: string;
  /** Shown while HD is offered back after a quality fallback. */
  hdAvailable?: string;
  /** The button that declines the offer. */
  dismissOffer?: string;
}

export const DEFAULT_STABLE_NOTICE_LABELS: Required<StableModeNoticeLabels> = {
  ...DEFAULT_PROFILE_REASONS,
  title: 'Stable video mode on',
  backToHd: 'Back to HD',
  hdAvailable: 'HD video is available again',
  dismissOffer: 'Not now',
};

export interface StableModeNoticeProps {
  className?: string;
  labels?: Partial<StableModeNoticeLabels>;
}

/**
 * Says that the call runs on the `stable` profile (VP8, no simulcast, 720p) and why, with a
 * "Back to HD" button. The live region stays mounted so the automatic fallback, and HD being
 * offered back, are announced. The offer is held back while the quality is poor again: it would
 * only invite a return that falls back at once.
 */
export function StableModeNotice({ className, labels }: StableModeNoticeProps) {
  const { profile, change, setProfile } = useVideoProfile();
  const offer = useHdOffer();
  const text = { ...DEFAULT_STABLE_NOTICE_LABELS, ...labels };
  const reason = describeProfileChange(change, text);
  const offered = offer.offeredAt !== null && !offer.qualityTrouble;
  return (
    <div role="status" aria-live="polite" className={cx('rlc-stable-notice', className)} data-rlc-hd-offered={offered || undefined}>
      {profile === 'stable' && (
        <div className="rlc-stable-notice__body">
          <span className="rlc-stable-notice__text">
            {text.title}
            {reason && <span className="rlc-stable-notice__reason">: {reason}</span>}
            {offered && <span className="rlc-stable-notice__offer">. {text.hdAvailable}</span>}
          </span>{' '}
          <button type="button" className="lk-button rlc-stable-notice__back" onClick={() => setProfile('hd')}>
            {text.backToHd}
          </button>
          {offered && (
            <button type="button" className="lk-button rlc-stable-notice__dismiss" onClick={offer.dismiss}>
              {text.dismissOffer}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
