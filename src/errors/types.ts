export type CallErrorKind =
  | 'token-expired'
  | 'not-allowed'
  | 'negotiation'
  | 'remove-track-sender'
  | 'cancelled'
  | 'network'
  | 'device'
  | 'unknown';

export type CallErrorSeverity = 'info' | 'warn' | 'error';

export interface CallErrorClassification {
  kind: CallErrorKind;
  /** Worth a human's attention (goes to onAlert). */
  alert: boolean;
  severity: CallErrorSeverity;
}

/** What the `call` slice stores: serializable, redacted. */
export interface CallError {
  kind: CallErrorKind;
  message: string;
  at: number;
}

export interface CallAlert {
  kind: CallErrorKind;
  message: string;
  at: number;
  /** Repeats inside the folding window. */
  count: number;
}

/** Anything with console-like methods; `debug` is optional. */
export interface CallLogger {
  debug?: (...args: unknown[]) => void;
  info: (...args: unknown[]) => void;
  warn: (...args: unknown[]) => void;
  error: (...args: unknown[]) => void;
}
