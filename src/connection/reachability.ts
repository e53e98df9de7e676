import { ConnectionErrorReason } from 'livekit-client';
import { shapeOf } from '../errors/error-shape';
import { classifyCallError } from '../errors/classify';
import { CallTokenError } from '../token/token-error';

/** ConnectionError reasons that mean nobody answered (as opposed to a server that answered "no"). */
const NO_ANSWER = new Set(['ServerUnreachable', 'Timeout', 'WebSocket']);

/**
 * Pure: did this failure come from not reaching the server or the token endpoint at all? Those
 * are retried on a short schedule; a server that answered and failed again meets the cooldown.
 */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof CallTokenError) return error.retryable;
  try {
    const e = shapeOf(error);
    const reason = e.reasonName ?? ConnectionErrorReason[e.reason as ConnectionErrorReason];
    if (e.name === 'ConnectionError' && typeof reason === 'string') return NO_ANSWER.has(reason) && typeof e.status !== 'number';
    return classifyCallError(error).kind === 'network';
  } catch {
    return false;
  }
}

/** Is the LiveKit server answering again? One small request; never throws. */
export type ReachabilityProbe = (serverUrl: string) => Promise<boolean>;

/** `wss://host/path` → `https://host/path`: the server answers plain HTTP on the same port. */
export function httpUrlOf(serverUrl: string): string {
  return serverUrl.replace(/^ws(s?):\/\//i, 'http$1://');
}

/**
 * What livekit-client itself does when the browser says it is online again: a HEAD to the server.
 * Only in a browser page (outside one, e.g. in Node tests, there is no probe and retries follow
 * the schedule alone).
 */
export const defaultReachabilityProbe: ReachabilityProbe | undefined =
  typeof window === 'undefined' || typeof document === 'undefined' || typeof fetch !== 'function'
    ? undefined
    : async (serverUrl) => {
        try {
          const response = await fetch(httpUrlOf(serverUrl), { method: 'HEAD', cache: 'no-store' });
          return response.ok;
        } catch {
          return false;
        }
      };
