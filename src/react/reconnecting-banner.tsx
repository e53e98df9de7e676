import { useCallError, useCallStatus } from './use-call-status';
import { cx } from './class-names';

export interface ReconnectingBannerLabels {
  reconnecting: string;
  connecting: string;
  /** Heading of the failure alert; the last error's message follows it. */
  failed: string;
}

export const DEFAULT_BANNER_LABELS: ReconnectingBannerLabels = {
  reconnecting: 'Reconnecting…',
  connecting: 'Connecting…',
  failed: 'Call failed',
};

export interface ReconnectingBannerProps {
  className?: string;
  /** Show "Connecting…" while the first connect runs (default `true`). */
  showConnecting?: boolean;
  /** Show the failure alert with the last error (default `true`). */
  showFailure?: boolean;
  labels?: Partial<ReconnectingBannerLabels>;
}

/**
 * Tells the user that the call is coming back. The `role="status"` region is always mounted
 * (empty while connected) because screen readers announce changes inside an existing live region
 * far more reliably than a region that appears together with its text. A failure is an
 * `role="alert"`, which is announced when it appears.
 */
export function ReconnectingBanner({ className, showConnecting = true, showFailure = true, labels }: ReconnectingBannerProps) {
  const status = useCallStatus();
  const error = useCallError();
  const text = { ...DEFAULT_BANNER_LABELS, ...labels };
  const progress =
    status === 'reconnecting' ? text.reconnecting : status === 'connecting' && showConnecting ? text.connecting : null;
  return (
    <div className={cx('rlc-call-banner', className)} data-rlc-status={status}>
      <div role="status" aria-live="polite" aria-atomic="true" className="rlc-call-banner__status">
        {progress && <span className={cx('lk-toast', 'rlc-call-banner__toast', `rlc-call-banner__toast--${status}`)}>{progress}</span>}
      </div>
      {showFailure && status === 'failed' && (
        <div role="alert" className="lk-toast rlc-call-banner__toast rlc-call-banner__toast--failed">
          {error ? `${text.failed}: ${error.message}` : text.failed}
        </div>
      )}
    </div>
  );
}
