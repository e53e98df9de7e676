import type { TokenSourceFetchOptions, TokenSourceResponseObject } from 'livekit-client';
import type { CallTokenSource } from '../controller/options';

/**
 * livekit-client's `TokenSource.custom`/`.endpoint` (TokenSourceCached) run every `fetch()` behind
 * one mutex, so a request that never settles blocks every later `fetch()` on that source, even a
 * forced one. These are the parts of it reached here (pinned by a test against the installed SDK).
 */
interface CachedSourceInternals {
  update(this: unknown, options: TokenSourceFetchOptions): Promise<{ toJson(): unknown }>;
  /** TokenSourceEndpoint only: its RequestInit, where an AbortSignal can go. */
  endpointOptions?: RequestInit;
  url?: string;
}

const internalsOf = (source: CallTokenSource): CachedSourceInternals | undefined => {
  const s = source as unknown as Partial<CachedSourceInternals>;
  return typeof s.update === 'function' ? (s as CachedSourceInternals) : undefined;
};

/** `fetch()` calls still unsettled per source: while one hangs, later ones go around the mutex. */
const unsettled = new WeakMap<object, number>();

async function throughFetch(source: CallTokenSource, options: TokenSourceFetchOptions, force: boolean) {
  unsettled.set(source, (unsettled.get(source) ?? 0) + 1);
  try {
    return await source.fetch(options, force);
  } finally {
    unsettled.set(source, (unsettled.get(source) ?? 1) - 1);
  }
}

/** The source's own request without its mutex and cache; the endpoint form gets `signal`. */
async function aroundMutex(internals: CachedSourceInternals, options: TokenSourceFetchOptions, signal: AbortSignal) {
  const self =
    typeof internals.url === 'string' && internals.endpointOptions
      ? Object.create(internals, { endpointOptions: { value: { ...internals.endpointOptions, signal } } })
      : internals;
  const response = await internals.update.call(self, options);
  return response.toJson() as TokenSourceResponseObject;
}

/**
 * One token request that a caller can abandon (abort `signal`) without holding up the next one:
 * a forced request, or any request while an earlier one on the same source still hangs, goes
 * around the TokenSourceCached mutex; an endpoint request is really aborted. A plain `{ fetch }`
 * source is simply called again (an abandoned call is left to settle on its own).
 */
export function requestToken(source: CallTokenSource, options: TokenSourceFetchOptions, force: boolean, signal: AbortSignal): Promise<TokenSourceResponseObject> {
  const internals = internalsOf(source);
  if (internals && (force || (unsettled.get(source) ?? 0) > 0)) return aroundMutex(internals, options, signal);
  return throughFetch(source, options, force);
}
