import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CACHE_DIR = join(process.cwd(), '.cache');
export const LOG_DIR = join(CACHE_DIR, 'logs');

const children = new Set<ChildProcess>();
/** Process groups a library started for us (puppeteer's Firefox): its own exit hooks lose the race with ours. */
const adopted = new Set<number>();

/** Every process we start is killed when the runner exits, also on a crash or Ctrl-C. */
function killAll(signal: NodeJS.Signals = 'SIGKILL') {
  for (const pid of [...[...children].map((c) => c.pid), ...adopted]) {
    try {
      if (pid) process.kill(-pid, signal);
    } catch {
      try {
        if (pid) process.kill(pid, signal); // not a group leader
      } catch {
        // already gone
      }
    }
  }
}

/** Kills `pid`'s process group with ours when the runner exits; the returned function lets go of it. */
export function killWithRunner(pid: number | undefined): () => void {
  hookExit();
  if (pid) adopted.add(pid);
  return () => {
    if (pid) adopted.delete(pid);
  };
}
let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => killAll());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

export interface Started {
  child: ChildProcess;
  logFile: string;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
  /** Sends `signal` to the process group (SIGSTOP/SIGCONT: a hang, not a restart). */
  signal(signal: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

/** Shifts every fixed port of the harness, so two runs on one machine (two checkouts) do not collide. */
export const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;

export function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Started {
  hookExit();
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  // Two streams into one file: neither may end it (the other would then write after its end and
  // crash the runner, as a server that dies at once on a busy port did); it ends when both have.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('close', () => log.end());
  children.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    children.delete(child);
    resolve(code);
  }));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return {
    child,
    logFile,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup('SIGKILL');
      await exited;
    },
    signal: signalGroup,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value, or throws after `timeoutMs` with `what` in the message. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
