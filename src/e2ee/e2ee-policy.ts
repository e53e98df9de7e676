import { CryptorErrorReason } from 'livekit-client';
import type { CallErrorCode, CallStateError } from '../call/types';

/**
 * What an E2EE error was, in words we chose: its class name and livekit-client's cryptor reason,
 * never its message. Messages of key providers, the worker or an app's own code can quote key
 * material; they go nowhere (state, actions, logs, alerts, diagnostics).
 */
export function describeE2EEError(error: unknown): string {
  const name = readName(error);
  const reason = readReason(error);
  return reason ? `${name} (${reason})` : name;
}

const SAFE_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
// The worker posts `new Error(`${CryptorErrorReason[reason]}: ${message}`)` (e2ee.worker.ts).
const REASON_PREFIX = /^(InvalidKey|MissingKey|InternalError):/;

function readName(error: unknown): string {
  try {
    const name = (error as { name?: unknown } | null)?.name;
    return typeof name === 'string' && SAFE_NAME.test(name) ? name : 'Error';
  } catch {
    return 'Error';
  }
}

function readReason(error: unknown): string | undefined {
  try {
    const reason = (error as { reason?: unknown } | null)?.reason;
    if (typeof reason === 'number' && typeof CryptorErrorReason[reason] === 'string') return CryptorErrorReason[reason];
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? REASON_PREFIX.exec(message)?.[1] : undefined;
  } catch {
    return undefined;
  }
}

/** livekit-client throws it from `new Room({ e2ee })` where neither encoded transform API exists. */
export function isE2EEUnsupported(error: unknown): boolean {
  return readName(error) === 'DeviceUnsupportedError';
}

export function e2eeStateError(code: Extract<CallErrorCode, 'e2ee-failed' | 'e2ee-unsupported'>, message: string): CallStateError {
  // Unsupported is the browser's lack, like a missing device; a failure is a bug or a bad setup.
  return { kind: code === 'e2ee-unsupported' ? 'device' : 'unknown', code, message, at: Date.now() };
}

/** A connect that must not go on: the Room is closed and the call fails, no retry (fail closed). */
export class E2EEFailure extends Error {
  constructor(readonly stateError: CallStateError) {
    super(stateError.message);
    this.name = 'E2EEFailure';
  }
}

export const isE2EEFailure = (error: unknown): error is E2EEFailure => error instanceof E2EEFailure;

/** Whether flagging (or clearing) `identity` changes the `undecryptable` list: only transitions are put. */
export const changesUndecryptable = (list: readonly string[], identity: string, undecryptable: boolean): boolean =>
  list.includes(identity) !== undecryptable;
