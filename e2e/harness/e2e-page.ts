// What pages and scenarios see of a browser: the same for every engine, so none of them knows
// which one runs it.

export const ENGINES = ['chromium', 'firefox'] as const;
export type Engine = (typeof ENGINES)[number];

/** One page of the test app in some browser. */
export interface E2EPage {
  /** Runs `fn(arg)` in the page; the result comes back serialized (plain data only). */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Console calls and page errors so far, as `type: text` (`error: …`, `pageerror: …`). */
  consoleLines(): string[];
  /** A real click on the element `selector` finds (a user gesture: what getDisplayMedia asks for). */
  click(selector: string): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserSession {
  engine: Engine;
  /** e.g. `Chromium 142.0.7444.175`, `Firefox 153.0esr`: recorded with the results. */
  version: string;
  newPage(url: string): Promise<E2EPage>;
  close(): Promise<void>;
}

/**
 * Rejections that escape to the page: recorded before any page script runs, in every engine.
 * The page's `window.__escaped` is what the matrix reads.
 */
export const RECORD_REJECTIONS = `
  // tsx compiles the runner with keepNames: functions handed to page.evaluate call __name.
  globalThis.__name = globalThis.__name || ((fn) => fn);
  window.__escaped = [];
  window.addEventListener('unhandledrejection', (e) => {
    // Looked at after every other listener ran: a filter that prevents the default has handled it.
    setTimeout(() => {
      if (e.defaultPrevented) return;
      const r = e.reason; window.__escaped.push(String((r && (r.name + ': ' + r.message)) || r));
    }, 0);
  });
`;

/** `E2E_BROWSERS=chromium,firefox` (the default: both), in that order. */
export function enginesFromEnv(value = process.env.E2E_BROWSERS): Engine[] {
  const wanted = (value ?? ENGINES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = wanted.filter((w) => !(ENGINES as readonly string[]).includes(w));
  if (unknown.length) throw new Error(`E2E_BROWSERS: unknown engine(s) ${unknown.join(', ')} (known: ${ENGINES.join(', ')})`);
  return ENGINES.filter((e) => wanted.includes(e));
}
