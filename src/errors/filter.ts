import { createAlertFolder, type AlertFolder } from './alert-folder';
import { classifyCallError } from './classify';
import { isNoiseExpected } from './expected-noise';
import { errorMessage } from './redact';
import type { CallAlert, CallErrorClassification, CallErrorKind } from './types';

export interface CallErrorFilterStats {
  swallowed: number;
  passed: number;
  alerted: number;
  byKind: Partial<Record<CallErrorKind, number>>;
}

export interface CallErrorFilterOptions {
  onAlert: (alert: CallAlert) => void;
  /** Where `unhandledrejection` and `error` are dispatched; default `window`. */
  target?: EventTarget;
  /** Repeats of one kind inside this window fold into one alert with `count`. */
  windowMs?: number;
}

export type CallErrorFilterRemover = (() => void) & { stats(): CallErrorFilterStats };

interface Install {
  refs: number;
  reporters: Map<(alert: CallAlert) => void, { folder: AlertFolder; refs: number }>;
  stats: CallErrorFilterStats;
  remove(): void;
}

const installs = new WeakMap<EventTarget, Install>();

/** Noise: the sender race always; Cancelled and NegotiationErrors only while a controller expects them. */
export function isExpectedNoise(c: CallErrorClassification, now = Date.now()): boolean {
  if (c.kind === 'remove-track-sender') return true;
  if (c.kind === 'cancelled' || c.kind === 'negotiation') return isNoiseExpected(c.kind, now);
  return false;
}

function install(target: EventTarget): Install {
  const stats: CallErrorFilterStats = { swallowed: 0, passed: 0, alerted: 0, byKind: {} };
  const reporters: Install['reporters'] = new Map();
  const handle = (event: Event, error: unknown) => {
    const c = classifyCallError(error);
    stats.byKind[c.kind] = (stats.byKind[c.kind] ?? 0) + 1;
    if (isExpectedNoise(c)) {
      // Keeps the browser from printing it as an uncaught error; nothing else is told.
      event.preventDefault();
      stats.swallowed += 1;
      return;
    }
    stats.passed += 1;
    if (!c.alert) return;
    stats.alerted += 1;
    const alert = { kind: c.kind, message: errorMessage(error), at: Date.now() };
    for (const { folder } of reporters.values()) folder.report(alert);
  };
  const onRejection = (event: Event) => handle(event, (event as Event & { reason?: unknown }).reason);
  const onError = (event: Event) => {
    const e = event as Event & { error?: unknown; message?: unknown };
    handle(event, e.error ?? e.message);
  };
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
 * Keeps expected WebRTC noise out of `onAlert` and the console; everything else passes on
 * unchanged. Installing twice on one target shares the listeners (no double report).
 */
export function installCallErrorFilter({ onAlert, target, windowMs }: CallErrorFilterOptions): CallErrorFilterRemover {
  const where = target ?? (globalThis as { window?: EventTarget }).window;
  if (!where || typeof where.addEventListener !== 'function') {
    return Object.assign(() => undefined, { stats: () => ({ swallowed: 0, passed: 0, alerted: 0, byKind: {} }) });
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
      reporter.folder.dispose();
      current.reporters.delete(onAlert);
    }
    current.refs -= 1;
    if (current.refs === 0) {
      current.remove();
      installs.delete(where);
    }
  };
  return Object.assign(remove, { stats: () => ({ ...current.stats, byKind: { ...current.stats.byKind } }) });
}
