import { redactTokens } from './redact';
import type { CallAlert, CallErrorKind } from './types';

export interface AlertFolder {
  /** The first of a kind goes out at once; repeats inside the window are counted. */
  report(alert: { kind: CallErrorKind; message: string; at: number }): void;
  /** Sends pending folded counts now (e.g. before the page unloads) and closes every window. */
  flush(): void;
  /** Drops pending counts and timers without sending. */
  dispose(): void;
}

export interface AlertFolderOptions {
  onAlert: (alert: CallAlert) => void;
  /** How long after the first alert of a kind its repeats are folded. */
  windowMs?: number;
  /** Clock for window bookkeeping; default `Date.now`. */
  now?: () => number;
}

interface FoldWindow {
  start: number;
  repeats: number;
  last: { message: string; at: number };
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Folds repeats of one kind into few alerts, deterministically:
 * - the first alert of a kind is sent at once with `count: 1` (a lone error is never delayed),
 *   and opens a window of `windowMs` for that kind;
 * - repeats inside the window are only counted;
 * - when the window closes (its timer), one folded alert is sent if there were repeats, with
 *   `count` = the number of repeats and the last repeat's `message` and `at`;
 * - a browser may run that timer late (background tabs): a report arriving after the window's end
 *   first closes the old window (sending its fold), then opens a new one.
 * So the `count`s of all alerts add up to the number of reports, and a flood of 500 inside one
 * window becomes two alerts: count 1, then count 499.
 */
export function createAlertFolder({ onAlert, windowMs = 10_000, now = Date.now }: AlertFolderOptions): AlertFolder {
  const windows = new Map<CallErrorKind, FoldWindow>();
  const send = (alert: CallAlert) => {
    try {
      onAlert({ ...alert, message: redactTokens(alert.message) });
    } catch {
      // a reporter that throws must not take the call (or the page's error handling) down with it
    }
  };
  const close = (kind: CallErrorKind) => {
    const open = windows.get(kind);
    if (!open) return;
    windows.delete(kind);
    clearTimeout(open.timer);
    if (open.repeats > 0) send({ kind, message: open.last.message, at: open.last.at, count: open.repeats });
  };
  return {
    report({ kind, message, at }) {
      const t = now();
      if ((windows.get(kind)?.start ?? Infinity) + windowMs <= t) close(kind);
      const open = windows.get(kind);
      if (open) {
        open.repeats += 1;
        open.last = { message, at };
        return;
      }
      send({ kind, message, at, count: 1 });
      const timer = setTimeout(() => close(kind), windowMs);
      // Never keep a Node process (SSR, tests) alive just to send a fold.
      (timer as { unref?: () => void }).unref?.();
      windows.set(kind, { start: t, repeats: 0, last: { message, at }, timer });
    },
    flush() {
      for (const kind of [...windows.keys()]) close(kind);
    },
    dispose() {
      for (const open of windows.values()) clearTimeout(open.timer);
      windows.clear();
    },
  };
}
