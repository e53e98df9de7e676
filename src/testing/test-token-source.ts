import { TokenSource, type TokenSourceFetchOptions, type TokenSourceResponseObject } from 'livekit-client';

const base64url = (text: string) => btoa(unescape(encodeURIComponent(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export interface TestTokenClaims {
  identity: string;
  roomName?: string;
  ttlSeconds?: number;
  /** Epoch ms the token is minted at (default `Date.now()`, so fake timers apply). */
  now?: number;
  name?: string;
}

/** A JWT-shaped LiveKit token (unsigned: only for doubles that do not verify). */
export function makeTestToken({ identity, roomName = 'test-room', ttlSeconds = 600, now = Date.now(), name }: TestTokenClaims): string {
  const nowS = Math.floor(now / 1000);
  const payload = { sub: identity, iss: 'devkey', nbf: nowS, exp: nowS + ttlSeconds, name, video: { room: roomName, roomJoin: true } };
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.${base64url('test-signature')}`;
}

/** A scripted answer for the next fetch. */
export type TestTokenStep =
  | { kind: 'ok'; ttlSeconds?: number }
  | { kind: 'error'; error: unknown }
  | { kind: 'hang' }
  | { kind: 'raw'; response: unknown };

export interface TestTokenSourceOptions {
  serverUrl?: string;
  ttlSeconds?: number;
  /** Identity given to a request without one, as a token endpoint does for guests. */
  guestIdentity?: () => string;
}

export interface TestTokenFetch {
  options: TokenSourceFetchOptions;
  at: number;
}

/**
 * livekit-client's own `TokenSource.custom` (with its caching and `force` semantics) around a
 * scriptable minting function: count fetches, fail them, hang them, or answer garbage.
 */
export function createTestTokenSource({ serverUrl = 'wss://livekit.test', ttlSeconds = 600, guestIdentity }: TestTokenSourceOptions = {}) {
  const steps: TestTokenStep[] = [];
  const fetches: TestTokenFetch[] = [];
  let guests = 0;
  const nextGuest = guestIdentity ?? (() => `guest-${++guests}`);
  const source = TokenSource.custom(async (options) => {
    fetches.push({ options: { ...options }, at: Date.now() });
    const step = steps.shift() ?? { kind: 'ok' };
    if (step.kind === 'error') throw step.error;
    if (step.kind === 'hang') return new Promise<TokenSourceResponseObject>(() => undefined);
    if (step.kind === 'raw') return step.response as TokenSourceResponseObject;
    const identity = options.participantIdentity || nextGuest();
    const participantToken = makeTestToken({ identity, roomName: options.roomName, ttlSeconds: step.ttlSeconds ?? ttlSeconds, name: options.participantName });
    return { serverUrl, participantToken } as TokenSourceResponseObject;
  });
  return {
    tokenSource: source,
    fetches,
    script(...next: TestTokenStep[]) {
      steps.push(...next);
    },
  };
}
