export { classifyCallError, isPermanentRefusal, isTokenRejection } from './classify';
export { installCallErrorFilter, isExpectedNoise, type CallErrorFilterOptions, type CallErrorFilterRemover, type CallErrorFilterStats } from './filter';
export { createAlertFolder, type AlertFolder, type AlertFolderOptions } from './alert-folder';
export { expectNoise, isNoiseExpected, type ExpectedNoiseKind } from './expected-noise';
export { createCallLogger, routeLiveKitLogs, liveKitLevelFor, type CallLogLevel } from './logger';
export { redactTokens, containsToken, errorMessage, REDACTED } from './redact';
export type { CallAlert, CallError, CallErrorClassification, CallErrorKind, CallErrorSeverity, CallLogger } from './types';
