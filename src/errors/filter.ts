import { createAlertFolder, type AlertFolder } from './alert-folder';
import { classifyCallError } from './classify';
import { isNoiseExpected } from './expected-noise';
import { errorMessage } from './redact';
import type { CallAlert, CallErrorClassification, CallErrorKind } from './types';

export interface CallErrorFilterStats {
  /** Events stopped as expected noise (`preventDefault`, no alert). */
  swallowed: number;
  /** Events passed on unchanged. */
  passed: number;
  /** Passed events that were alert-worthy (before folding). */
  alerted: number;
  /** Every event seen, by kind. */
  byKind: Partial<Record<CallErrorKind, number>>;
  /** Swallowed events, by kind. */
  swallowedByKind: Partial<Record<CallErrorKind, number>>;
}

export interface CallErrorFilterOptions {
  onAlert: (alert: CallAlert) => void;
  /** Where `unhandledrejection` and `error` are dispatched; default `window` (none: a no-op). */
  target?: EventTarget;
  /** Repeats of one kind inside this window fold into one alert with `count`; default 10 s. */
  windowMs?: number;
}

export type CallErrorFilterRemover = (() => void) & { stats(): CallErrorFilterStats };

interface Reporter {
  folder: AlertFolder;
  refs: number;
}

interface Install {
  refs: number;
  reporters: Map<(alert: CallAlert) => void, Reporter>;
  stats: CallErrorFilterStats;
  remove(): void;
}

const installs = new WeakMap<EventTarget, Install>();

const emptyStats = (): CallErrorFilterStats => ({ swallowed: 0, passed: 0, alerted: 0, byKind: {}, swallowedByKind: {} });
const copyStats = (s: CallErrorFilterStats): CallErrorFilterStats => ({ ...s, byKind: { ...s.byKind }, swallowedByKind: { ...s.swallowedByKind } });
const bump = (counts: Partial<Record<CallErrorKind, number>>, kind: CallErrorKind) => {
  counts[kind] = (counts[kind] ?? 0) + 1;
};

/**
 * Is this classified error expected noise right now?
 * - `remove-track-sender`: always (an SDK race with no user impact).
 * - `negotiation` and `cancelled`: only while a controller has announced them (`expectNoise`):
 *   it is recovering from NegotiationErrors, or it just left / replaced a Room. Outside those
 *   windows they pass on unchanged (a developer should see them in the console) but, being
 *   not alert-worthy, never reach `onAlert`.
 * - everything else: never; it passes on unchanged.
 */
export function isExpectedNoise(c: CallErrorClassification, now = Date.now()): boolean {
  if (c.kind === 'remove-track-sender') return true;
  if (c.kind === 'cancelled' || c.kind === 'negotiation') return isNoiseExpected(c.kind, now);
  return false;
}

function install(target: EventTarget): Install {
  const stats = emptyStats();
  const reporters: Install['reporters'] = new Map();
  const handle = (event: Event, error: unknown) => {
    const c = classifyCallError(error);
    bump(stats.byKind, c.kind);
    if (isExpectedNoise(c)) {
      // The browser then does not print it as an uncaught error; nobody else is told.
      event.preventDefault();
      stats.swallowed += 1;
      bump(stats.swallowedByKind, c.kind);
      return;
    }
    stats.passed += 1;
    if (!c.alert) return;
    stats.alerted += 1;
    const alert = { kind: c.kind, message: errorMessage(error), at: Date.now() };
    for (const { folder } of reporters.values()) folder.report(alert);
  };
  const guarded = (event: Event, read: () => unknown) => {
    try {
      handle(event, read());
    } catch {
      // our filter failing must never hide the original error: leave the event as it was
    }
  };
  const onRejection = (event: Event) => guarded(event, () => (event as Event & { reason?: unknown }).reason);
  const onError = (event: Event) =>
    guarded(event, () => {
      // ErrorEvent: `error` is the thrown value; cross-origin scripts give only `message`.
      const e = event as Event & { error?: unknown; message?: unknown };
      return e.error ?? e.message;
    });
  target.addEventListener('unhandledrejection', onRejection);
  target.addEventListener('error', onError);
  return {
    refs: 0,
    reporters,
    stats,
    remove() {
      target.removeEventListener('unhandledrejection', onRejection);
      target.removeEventListener('error', onError);
      for (const { folder } of reporters.values()) folder.dispose();
    },
  };
}

/**
 * Keeps expected WebRTC noise (see `isExpectedNoise`) out of `onAlert` and the console;
 * everything else passes on unchanged, and alert-worthy errors also reach `onAlert`, folded.
 *
 * Installing again on the same target shares the listeners (each event is classified once);
 * the same `onAlert` installed twice is told once, and its first `windowMs` wins. The returned
 * function removes this install; the listeners go when the last install on the target is removed
 * (pending folded counts are sent first). `remover.stats()` reads the target's counters.
 */
export function installCallErrorFilter({ onAlert, target, windowMs }: CallErrorFilterOptions): CallErrorFilterRemover {
  const where = target ?? (globalThis as { window?: EventTarget }).window;
  if (!where || typeof where.addEventListener !== 'function') {
    return Object.assign(() => undefined, { stats: emptyStats }); // SSR / Node: nothing to filter
  }
  let entry = installs.get(where);
  if (!entry) {
    entry = install(where);
    installs.set(where, entry);
  }
  entry.refs += 1;
  const reporter = entry.reporters.get(onAlert) ?? { folder: createAlertFolder({ onAlert, windowMs }), refs: 0 };
  reporter.refs += 1;
  entry.reporters.set(onAlert, reporter);
  const current = entry;
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    reporter.refs -= 1;
    if (reporter.refs === 0) {
      reporter.folder.flush();
      current.reporters.delete(onAlert);
    }
    current.refs -= 1;
    if (current.refs === 0) {
      current.remove();
      installs.delete(where);
    }
  };
  return Object.assign(remove, { stats: () => copyStats(current.stats) });
}
