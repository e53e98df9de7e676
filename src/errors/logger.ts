import { LogLevel, LoggerNames, getLogger, setLogExtension } from 'livekit-client';
import { noteSdkLogLine, sdkLogTapInstalled, sdkLogTapRemoved } from '../negotiation/sdk-retry-tap';
import { classifyCallError } from './classify';
import { redactTokens } from './redact';
import type { CallLogger } from './types';

export type CallLogLevel = 'debug' | 'info' | 'warn' | 'error';

const errorText = (e: Error) => redactTokens(`${e.name}: ${e.message}`);

/** Strings and errors redacted; objects redacted through JSON (or replaced if they do not serialize). */
function redactArg(arg: unknown): unknown {
  if (typeof arg === 'string') return redactTokens(arg);
  if (arg instanceof Error) return errorText(arg);
  if (arg && typeof arg === 'object') {
    try {
      const json = JSON.stringify(arg, (_k, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v));
      return json === undefined ? arg : JSON.parse(redactTokens(json));
    } catch {
      return '[unserializable]';
    }
  }
  return arg;
}

/**
 * The library's one logger: every argument of every line is redacted (the server's 401 text
 * carries the whole JWT). `debug` goes nowhere if the base has none.
 */
export function createCallLogger(base: CallLogger = console): Required<CallLogger> {
  const at =
    (level: CallLogLevel) =>
    (...args: unknown[]) => {
      const method = base[level];
      if (typeof method === 'function') method.apply(base, args.map(redactArg));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** livekit-client passes the error as the message itself (`log.error(err)`), or in `{ error }` / `{ err }`. */
function subjectOf(msg: unknown, context: unknown): unknown {
  if (context instanceof Error) return context;
  if (context && typeof context === 'object') {
    const c = context as { error?: unknown; err?: unknown };
    if (c.error !== undefined) return c.error;
    if (c.err !== undefined) return c.err;
  }
  return msg;
}

/**
 * The level one livekit-client line deserves. livekit-client logs some expected paths at `error`
 * (`error trying to re-publish tracks after reconnection`, a failed resume with the 401 text, the
 * removeTrack race, `negotiation timed out`). Any line whose message or error our policy does
 * not call alert-worthy takes the policy's severity (info/warn), so a `console.error` → alert hook
 * stays quiet for it; only alert-worthy ones stay at `error`.
 */
export function liveKitLevelFor(level: LogLevel, msg: unknown, context?: unknown): CallLogLevel {
  if (level <= LogLevel.debug) return 'debug';
  if (level === LogLevel.info) return 'info';
  if (level === LogLevel.warn) return 'warn';
  for (const subject of [subjectOf(msg, context), msg]) {
    const c = classifyCallError(subject);
    if (!c.alert) return c.severity; // info or warn: alert-worthy is exactly 'error'
  }
  return 'error';
}

type FactoryLogger = { methodFactory: unknown; getLevel(): number; setLevel(level: number, persist?: boolean): void; rebuild?: () => void };
let routed: { restore: () => void; state: { logger: Required<CallLogger> } } | undefined;

/** Rebuilds loglevel's methods from the current factory without persisting a level. */
const rebuild = (l: FactoryLogger) => (typeof l.rebuild === 'function' ? l.rebuild() : l.setLevel(l.getLevel(), false));

const CONSOLE_METHODS = ['trace', 'debug', 'info', 'warn', 'error', 'log'] as const;

/**
 * Runs a loglevel method factory with the console's methods swapped for no-ops: its bottom writer
 * binds `console[method]` when built, so it comes out silent, while every extension stacked on it
 * (the app's Sentry breadcrumbs, the retry tap) is kept and still hears each line.
 */
function withSilentConsole<T>(build: () => T): T {
  const target = console as unknown as Record<string, unknown>;
  const saved = CONSOLE_METHODS.map((m) => target[m]);
  for (const m of CONSOLE_METHODS) target[m] = () => undefined;
  try {
    return build();
  } finally {
    CONSOLE_METHODS.forEach((m, i) => (target[m] = saved[i]));
  }
}

type MethodFactory = (methodName: string, level: number, loggerName: string | symbol) => unknown;

/**
 * Routes livekit-client's own log lines through `logger` (redacted, re-levelled by
 * `liveKitLevelFor`, prefixed `[livekit]`) instead of the console.
 *
 * `setLogExtension` alone would still print every line to the console as well (it wraps
 * loglevel's console writer), and `setLogLevel('silent')` would silence the extension too. So
 * each logger's writer chain is rebuilt with a silent console underneath (extensions installed
 * before, the app's own included, keep receiving every line), then the extension is added on
 * top. livekit-client's level still decides what is routed (default `info`; call
 * `setLogLevel('debug')` from livekit-client to route debug lines).
 *
 * One routing per page: calling again only swaps the target logger. The returned function puts
 * livekit-client's previous writers back, exactly as they were.
 */
export function routeLiveKitLogs(logger: CallLogger = console): () => void {
  const target = createCallLogger(logger);
  if (routed) {
    routed.state.logger = target;
    return routed.restore;
  }
  const loggers = Object.values(LoggerNames).map((name) => getLogger(name) as unknown as FactoryLogger);
  const originals = loggers.map((l) => l.methodFactory as MethodFactory);
  loggers.forEach((l, i) => {
    l.methodFactory = (name: string, level: number, loggerName: string | symbol) => withSilentConsole(() => originals[i]!.call(l, name, level, loggerName));
  });
  const tapWasInstalled = sdkLogTapInstalled();
  const state = { logger: target };
  setLogExtension((level, msg, context) => {
    // Seen once per line even if the tap's own extension (kept below ours) sees it too.
    noteSdkLogLine(level, msg, context);
    state.logger[liveKitLevelFor(level, msg, context)](`[livekit] ${String(msg)}`, ...(context === undefined ? [] : [context]));
  });
  const restore = () => {
    if (!routed || routed.restore !== restore) return;
    loggers.forEach((l, i) => {
      l.methodFactory = originals[i];
      rebuild(l);
    });
    routed = undefined;
    // A tap installed while routing was on sat above the writers just put back; it went with them.
    if (!tapWasInstalled) sdkLogTapRemoved();
  };
  routed = { restore, state };
  return restore;
}
