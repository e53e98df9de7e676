import { setLogExtension, type LogLevel } from 'livekit-client';

/**
 * livekit-client 2.23 retries a publish once after a NegotiationError (`LocalParticipant`,
 * `hasRetriedAfterNegotiationError`). That first error never reaches the caller or any event; the
 * SDK only logs this line (at `warn`) with the error in its context. The negotiation window must
 * count it, or a camera that fails twice counts once.
 */
export const SDK_PUBLISH_RETRY_LINE = 'negotiation due to track publish failed, retrying after reconnect';

/** The SDK's log context: the Room's name and the local identity (never a token). */
export interface SdkLogContext {
  room?: string;
  participant?: string;
}

type Listener = (context: SdkLogContext) => void;

const listeners = new Set<Listener>();
// Two extensions may see one line (ours and `routeLiveKitLogs`'): one context object, one count.
let seen = new WeakSet<object>();
let installed = false;

/** Hands one livekit-client log line to the listeners if it is the swallowed-retry line. */
export function noteSdkLogLine(_level: LogLevel, msg: unknown, context: unknown): void {
  if (msg !== SDK_PUBLISH_RETRY_LINE || listeners.size === 0) return;
  const ctx = context && typeof context === 'object' ? (context as SdkLogContext) : {};
  if (context && typeof context === 'object') {
    if (seen.has(context)) return;
    seen.add(context);
  }
  for (const listener of [...listeners]) listener(ctx);
}

/**
 * Extensions cannot be removed from livekit-client's loggers, so one is installed per page, on
 * first use, and fans out to listeners. Lines below the SDK's log level are not produced at all:
 * with `setLogLevel('error')` the retried errors go uncounted.
 */
export function onSdkPublishRetry(listener: Listener): () => void {
  if (!installed) {
    installed = true;
    setLogExtension(noteSdkLogLine);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Whether the tap's extension is in livekit-client's writer chains now. */
export function sdkLogTapInstalled(): boolean {
  return installed;
}

/** Called when someone puts livekit-client's original log writers back (our extension went with them). */
export function sdkLogTapRemoved(): void {
  installed = false;
  seen = new WeakSet();
  if (listeners.size > 0) {
    installed = true;
    setLogExtension(noteSdkLogLine);
  }
}
