import { redactTokens } from '../errors/redact';

export interface TimelineEntry {
  at: number;
  type: string;
  payload?: unknown;
}

/** Actions that are bookkeeping, not events worth a support engineer's time. */
const SKIPPED = new Set(['call/toggleUnlocked']);

/** A redacted, JSON-safe copy of a `call/` action, or undefined for actions the timeline skips. */
export function toTimelineEntry(action: { type: string; payload?: unknown }, at: number): TimelineEntry | undefined {
  if (!action.type.startsWith('call/') || SKIPPED.has(action.type)) return undefined;
  if (action.payload === undefined) return { at, type: action.type };
  // Actions carry no token by design; redacting again guards against an app's own payloads.
  return { at, type: action.type, payload: JSON.parse(redactTokens(JSON.stringify(action.payload))) };
}
