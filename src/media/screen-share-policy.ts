import type { MediaSourceName } from '../call/types';
import { shapeOf } from '../errors/error-shape';
import { USER_GESTURE } from '../errors/patterns';

/**
 * The screen-share rule: a screen share is started only by a user's toggle while connected. It is
 * never carried into the next call, and the controller never starts it again by itself (after a
 * reconnect, or from a wish recorded while connecting): browsers reject getDisplayMedia outside
 * a user gesture. Stopping one is always allowed.
 */
export function needsGesture(source: MediaSourceName, desired: boolean): boolean {
  return source === 'screenShare' && desired;
}

/**
 * Why getDisplayMedia said no, when that is the user's or the browser's choice rather than a
 * fault: `needs-gesture` (no transient activation), `dismissed` (the picker was cancelled or
 * sharing refused; Chromium `Permission denied`). `Permission denied by system` (the OS blocks
 * screen capture) is left to the normal device policy: someone has to change a setting.
 */
export function screenShareRefusal(error: unknown): 'needs-gesture' | 'dismissed' | undefined {
  try {
    const { name, message } = shapeOf(error);
    if ((name === 'InvalidStateError' || name === 'NotAllowedError') && USER_GESTURE.test(message)) return 'needs-gesture';
    if (name === 'NotAllowedError' && !/by system/i.test(message)) return 'dismissed';
  } catch {
    // a hostile value is simply not one of these
  }
  return undefined;
}
