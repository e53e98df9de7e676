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

type Listener = (context: SdkLogContext, msg: string) => void;
interface Tap {
  matches: (msg: string) => boolean;
  listener: Listener;
}

const taps = new Set<Tap>();
// Two extensions may see one line (ours and `routeLiveKitLogs`'): one context object, one count.
let seen = new WeakSet<object>();
let installed = false;

/** Hands one livekit-client log line to the listeners whose line it is. */
export function noteSdkLogLine(_level: LogLevel, msg: unknown, context: unknown): void {
  if (typeof msg !== 'string' || taps.size === 0) return;
  const hearing = [...taps].filter((t) => t.matches(msg));
  if (hearing.length === 0) return;
  const ctx = context && typeof context === 'object' ? (context as SdkLogContext) : {};
  if (context && typeof context === 'object') {
    if (seen.has(context)) return;
    seen.add(context);
  }
  for (const tap of hearing) tap.listener(ctx, msg);
}

/**
 * Listens for livekit-client log lines that `matches` accepts. Extensions cannot be removed from
 * livekit-client's loggers, so one is installed per page, on first use, and fans out to listeners.
 * Lines below the SDK's log level are not produced at all.
 */
export function onSdkLogLine(matches: (msg: string) => boolean, listener: Listener): () => void {
  if (!installed) {
    installed = true;
    setLogExtension(noteSdkLogLine);
  }
  const tap: Tap = { matches, listener };
  taps.add(tap);
  return () => {
    taps.delete(tap);
  };
}

/** The swallowed NegotiationError retries (with `setLogLevel('error')` they go uncounted). */
export function onSdkPublishRetry(listener: (context: SdkLogContext) => void): () => void {
  return onSdkLogLine((msg) => msg === SDK_PUBLISH_RETRY_LINE, (context) => listener(context));
}

/** Whether the tap's extension is in livekit-client's writer chains now. */
export function sdkLogTapInstalled(): boolean {
  return installed;
}

/** Called when someone puts livekit-client's original log writers back (our extension went with them). */
export function sdkLogTapRemoved(): void {
  installed = false;
  seen = new WeakSet();
  if (taps.size > 0) {
    installed = true;
    setLogExtension(noteSdkLogLine);
  }
}
