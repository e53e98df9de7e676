import { describeProfileChange, DEFAULT_PROFILE_REASONS, type ProfileReasonLabels } from './profile-reason';
import { useVideoProfile } from './use-video-profile';
import { cx } from './class-names';

export interface StableModeNoticeLabels extends ProfileReasonLabels {
  title: string;
  backToHd: string;
}

export const DEFAULT_STABLE_NOTICE_LABELS: StableModeNoticeLabels = {
  ...DEFAULT_PROFILE_REASONS,
  title: 'Stable video mode on',
  backToHd: 'Back to HD',
};

export interface StableModeNoticeProps {
  className?: string;
  labels?: Partial<StableModeNoticeLabels>;
}

/**
 * Says that the call runs on the `stable` profile (VP8, no simulcast, 720p) and why, with a
 * "Back to HD" button. The live region stays mounted so the automatic fallback is announced.
 */
export function StableModeNotice({ className, labels }: StableModeNoticeProps) {
  const { profile, change, setProfile } = useVideoProfile();
  const text = { ...DEFAULT_STABLE_NOTICE_LABELS, ...labels };
  const reason = describeProfileChange(change, text);
  return (
    <div role="status" aria-live="polite" className={cx('rlc-stable-notice', className)}>
      {profile === 'stable' && (
        <div className="rlc-stable-notice__body">
          <span className="rlc-stable-notice__text">
            {text.title}
            {reason && <span className="rlc-stable-notice__reason">: {reason}</span>}
          </span>{' '}
          <button type="button" className="lk-button rlc-stable-notice__back" onClick={() => setProfile('hd')}>
            {text.backToHd}
          </button>
        </div>
      )}
    </div>
  );
}
