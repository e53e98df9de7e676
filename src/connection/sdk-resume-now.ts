import type { CallRoom } from './room-surface';

/** The parts of livekit-client's RTCEngine this reaches (pinned by a test against the installed SDK). */
interface EngineInternals {
  isClosed?: boolean;
  attemptingReconnect?: boolean;
  reconnectTimeout?: unknown;
  clearReconnectTimeout?: () => void;
  attemptReconnect?: () => Promise<void>;
}

/**
 * Starts the SDK's next scheduled resume attempt now, as livekit-client's own `online` handler
 * does (which, in 2.23, only acts while an attempt is running, not while one is waiting for its
 * turn). Used when the reachability probe sees the server answer again, so a resume follows the
 * network instead of the retry schedule. Does nothing unless an attempt is waiting; returns
 * whether it started one.
 */
export function resumeSdkNow(room: CallRoom): boolean {
  if (room.state !== 'reconnecting' && room.state !== 'signalReconnecting') return false;
  const engine = (room as unknown as { engine?: EngineInternals }).engine;
  if (!engine || engine.isClosed || engine.attemptingReconnect || engine.reconnectTimeout === undefined) return false;
  if (typeof engine.clearReconnectTimeout !== 'function' || typeof engine.attemptReconnect !== 'function') return false;
  engine.clearReconnectTimeout();
  engine.attemptReconnect().catch(() => undefined); // its failures are its own to retry and report
  return true;
}
