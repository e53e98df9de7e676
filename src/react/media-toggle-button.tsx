import type { ButtonHTMLAttributes, ReactNode } from 'react';
import type { MediaSourceName } from '../call/types';
import { useMediaToggle } from './use-media-toggle';
import { cx } from './class-names';

/** The screen-share button's name when a share stopped at a reconnect and needs a click to start again. */
export const DEFAULT_SHARE_AGAIN_LABEL = 'Share again';

export const DEFAULT_SOURCE_LABELS: Record<MediaSourceName, string> = {
  camera: 'Camera',
  microphone: 'Microphone',
  screenShare: 'Share screen',
};

// components-styles keys its screen-share highlight on livekit-client's Track.Source values.
const LK_SOURCE: Record<MediaSourceName, string> = { camera: 'camera', microphone: 'microphone', screenShare: 'screen_share' };

type NativeProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'onClick' | 'disabled' | 'aria-pressed' | 'aria-busy' | 'aria-disabled' | 'children'>;

export interface MediaToggleButtonProps extends NativeProps {
  source: MediaSourceName;
  /** The accessible name; default "Camera", "Microphone" or "Share screen". */
  label?: string;
  /** Screen share: the name while a reconnect left the share waiting for a click; default "Share again". */
  againLabel?: string;
  /** Visible content (e.g. an icon); the `label` then names the button. Default: the label. */
  children?: ReactNode;
}

/**
 * A toggle button (`aria-pressed` = what the user wants) that goes through the controller.
 * Not connected: natively `disabled`. Pending: `aria-disabled` + `aria-busy` and clicks are
 * ignored, but the button stays focusable, so a keyboard user does not lose focus every time a
 * toggle is in flight (a focused button that becomes `disabled` drops focus to the page).
 */
export function MediaToggleButton({ source, label, againLabel, children, className, ...rest }: MediaToggleButtonProps) {
  const { enabled, desired, pending, canToggle, blockedReason, toggle } = useMediaToggle(source);
  // This click is the gesture getDisplayMedia needs.
  const again = blockedReason === 'needs-gesture';
  const name = again ? (againLabel ?? DEFAULT_SHARE_AGAIN_LABEL) : (label ?? DEFAULT_SOURCE_LABELS[source]);
  return (
    <button
      {...rest}
      type="button"
      className={cx('lk-button', 'rlc-media-toggle', className)}
      aria-label={children === undefined ? undefined : name}
      aria-pressed={desired}
      aria-busy={pending}
      aria-disabled={!canToggle}
      disabled={!canToggle && !pending}
      data-lk-source={LK_SOURCE[source]}
      data-lk-enabled={enabled}
      data-rlc-blocked={blockedReason ?? undefined}
      onClick={() => {
        if (canToggle) toggle(again ? true : undefined);
      }}
    >
      {children ?? name}
    </button>
  );
}
