import { version as livekitClientVersion } from 'livekit-client';
import { LIBRARY_VERSION } from '../version';
import type { ResolvedCallOptions } from '../controller/options';
import type { RingBuffer } from './ring-buffer';
import type { TimelineEntry } from './timeline-entry';

export interface CallDiagnostics {
  library: { name: 'redux-livekit-call'; version: string };
  livekitClient: string;
  userAgent: string | null;
  exportedAt: number;
  options: Record<string, unknown>;
  timeline: TimelineEntry[];
  droppedEntries: number;
}

/** Plain option values only: functions (token source, createRoom, callbacks) are named, not dumped. */
function describeOptions(options: ResolvedCallOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (key === 'logger') continue;
    // The key provider is the app's object: it may hold key material in plain fields.
    if (key === 'e2ee') {
      out[key] = value ? '[configured]' : undefined;
      continue;
    }
    out[key] = typeof value === 'function' || (value && typeof value === 'object' && 'fetch' in value) ? `[${typeof value}]` : value;
  }
  return JSON.parse(JSON.stringify(out));
}

export function buildDiagnostics(options: ResolvedCallOptions, buffer: RingBuffer<TimelineEntry>, now: number): CallDiagnostics {
  const nav = (globalThis as { navigator?: { userAgent?: string } }).navigator;
  return {
    library: { name: 'redux-livekit-call', version: LIBRARY_VERSION },
    livekitClient: livekitClientVersion,
    userAgent: nav?.userAgent ?? null,
    exportedAt: now,
    options: describeOptions(options),
    timeline: buffer.toArray(),
    droppedEntries: buffer.dropped,
  };
}
