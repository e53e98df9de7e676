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
