import type { MediaSourceName } from '../call/types';

/**
 * The capture and publish options of the last routed `set*Enabled` call of each source, per
 * controller (`owner`). The controller's own SDK call for that source passes them on, also on
 * a later Room: ControlBar's screen share asks for `{ audio: true }`, and a re-apply keeps that.
 * Not in Redux: they may hold a processor or other non-serializable values.
 */
const ARGS = new WeakMap<object, Partial<Record<MediaSourceName, unknown[]>>>();

export function rememberToggleArgs(owner: object, source: MediaSourceName, args: unknown[]): void {
  const all = ARGS.get(owner) ?? {};
  // Trailing `undefined`s (TrackToggle without options) say nothing.
  const trimmed = [...args];
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === undefined) trimmed.pop();
  all[source] = trimmed;
  ARGS.set(owner, all);
}

export function toggleArgsFor(owner: object, source: MediaSourceName): unknown[] {
  return ARGS.get(owner)?.[source] ?? [];
}

/**
 * The `processor` of the capture options a caller passed (`setCameraEnabled(true, { processor })`),
 * taken out of them: the capture keeper owns the wanted processor from then on, so a later
 * `forgetProcessor` is not undone by options remembered here.
 */
export function takeToggleProcessor(owner: object, source: MediaSourceName): unknown {
  const args = toggleArgsFor(owner, source);
  const capture = args[0];
  if (!capture || typeof capture !== 'object' || !('processor' in capture)) return undefined;
  const { processor, ...rest } = capture as { processor?: unknown };
  rememberToggleArgs(owner, source, [rest, ...args.slice(1)]);
  return processor;
}

/** The call is over: its processors went with its captures, and a new call starts without them. */
export function forgetToggleProcessors(owner: object): void {
  for (const source of Object.keys(ARGS.get(owner) ?? {}) as MediaSourceName[]) takeToggleProcessor(owner, source);
}
