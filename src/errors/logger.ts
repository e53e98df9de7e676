import { LogLevel, LoggerNames, getLogger, setLogExtension } from 'livekit-client';
import { classifyCallError } from './classify';
import { redactTokens } from './redact';
import type { CallLogger } from './types';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Strings and errors redacted; objects redacted through JSON (or dropped if they do not serialize). */
function redactArg(arg: unknown): unknown {
  if (typeof arg === 'string') return redactTokens(arg);
  if (arg instanceof Error) return redactTokens(`${arg.name}: ${arg.message}`);
  if (arg && typeof arg === 'object') {
    try {
      return JSON.parse(redactTokens(JSON.stringify(arg, (_k, v: unknown) => (v instanceof Error ? `${v.name}: ${v.message}` : v))));
    } catch {
      return '[unserializable]';
    }
  }
  return arg;
}

/** The library's one logger: every line redacted; `debug` falls back to nothing if the base lacks it. */
export function createCallLogger(base: CallLogger = console): Required<CallLogger> {
  const at = (level: Level) => (...args: unknown[]) => {
    const method = base[level];
    if (typeof method === 'function') method.apply(base, args.map(redactArg));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/**
 * livekit-client logs expected paths (a reconnect in progress, a negotiation retry, our own
 * cancelled connect) at `error` too. Anything our policy does not call alert-worthy is lowered
 * to `warn`, so a `console.error` → alert hook stays quiet for it.
 */
export function liveKitLevelFor(level: LogLevel, msg: string, context?: object): Level {
  if (level <= LogLevel.debug) return 'debug';
  if (level === LogLevel.info) return 'info';
  if (level === LogLevel.warn) return 'warn';
  const subject = (context as { error?: unknown } | undefined)?.error ?? msg;
  const { alert } = classifyCallError(subject);
  return alert && classifyCallError(msg).alert ? 'error' : 'warn';
}

type FactoryLogger = { methodFactory: unknown; setLevel(level: unknown): void; getLevel(): unknown };
let installed: { restore: () => void; target: { logger: CallLogger } } | undefined;

/**
 * Routes livekit-client's own logs through `logger` (via `setLogExtension`) instead of loglevel's
 * console writer, with levels from `liveKitLevelFor`. One routing per page; calling again only
 * swaps the target. Returns a function that gives the console writer back.
 */
export function routeLiveKitLogs(logger: CallLogger = console): () => void {
  const target = createCallLogger(logger);
  if (installed) {
    installed.target.logger = target;
    return installed.restore;
  }
  const loggers = Object.values(LoggerNames).map((name) => getLogger(name) as unknown as FactoryLogger);
  const originals = loggers.map((l) => l.methodFactory);
  // Silence loglevel's own console output first; setLogExtension wraps whatever factory is there.
  for (const l of loggers) l.methodFactory = () => () => undefined;
  const state = { logger: target as CallLogger };
  setLogExtension((level, msg, context) => {
    const out = liveKitLevelFor(level, msg, context);
    state.logger[out]?.(`[livekit] ${msg}`, ...(context ? [context] : []));
  });
  const restore = () => {
    if (!installed) return;
    loggers.forEach((l, i) => {
      l.methodFactory = originals[i];
      l.setLevel(l.getLevel());
    });
    installed = undefined;
  };
  installed = { restore, target: state };
  return restore;
}
