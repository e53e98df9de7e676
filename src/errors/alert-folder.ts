import { redactTokens } from './redact';
import type { CallAlert, CallErrorKind } from './types';

export interface AlertFolder {
  /** The first of a kind goes out at once; repeats inside the window are counted. */
  report(alert: { kind: CallErrorKind; message: string; at: number }): void;
  /** Sends pending folded counts now (e.g. before the page unloads). */
  flush(): void;
  dispose(): void;
}

interface Pending {
  first: CallAlert;
  repeats: number;
  timer: ReturnType<typeof setTimeout>;
  last: { message: string; at: number };
}

/**
 * Folds repeats of one kind inside `windowMs` into a single alert: the first occurrence is sent at
 * once with `count: 1`; if more came inside the window, one more alert with their `count` is sent
 * when the window closes. So a flood of 500 becomes two alerts, and a lone error is never delayed.
 */
export function createAlertFolder({ onAlert, windowMs = 10_000 }: { onAlert: (alert: CallAlert) => void; windowMs?: number }): AlertFolder {
  const pending = new Map<CallErrorKind, Pending>();
  const send = (alert: CallAlert) => {
    try {
      onAlert({ ...alert, message: redactTokens(alert.message) });
    } catch {
      // a reporter that throws must not take the call down with it
    }
  };
  const close = (kind: CallErrorKind) => {
    const entry = pending.get(kind);
    if (!entry) return;
    pending.delete(kind);
    clearTimeout(entry.timer);
    if (entry.repeats > 0) send({ kind, message: entry.last.message, at: entry.last.at, count: entry.repeats });
  };
  return {
    report({ kind, message, at }) {
      const entry = pending.get(kind);
      if (entry) {
        entry.repeats += 1;
        entry.last = { message, at };
        return;
      }
      const first = { kind, message, at, count: 1 };
      send(first);
      pending.set(kind, { first, repeats: 0, last: { message, at }, timer: setTimeout(() => close(kind), windowMs) });
    },
    flush() {
      for (const kind of [...pending.keys()]) close(kind);
    },
    dispose() {
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
    },
  };
}
