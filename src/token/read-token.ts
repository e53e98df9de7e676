import { decodeTokenPayload } from 'livekit-client';
import type { TokenInfo } from '../call/types';
import { CallTokenError } from './token-error';

/** exp, identity and room of a LiveKit JWT; the token itself goes no further. */
export function readTokenInfo(token: string, now: number): TokenInfo {
  let payload: ReturnType<typeof decodeTokenPayload>;
  try {
    payload = decodeTokenPayload(token);
  } catch {
    throw new CallTokenError('token-malformed', 'not-allowed', 'the token source returned a value that is not a JWT', false);
  }
  if (typeof payload.exp !== 'number') {
    throw new CallTokenError('token-missing-exp', 'not-allowed', 'the token has no exp claim', false);
  }
  const expiresAt = payload.exp * 1000;
  if (expiresAt <= now) {
    throw new CallTokenError(
      'token-already-expired',
      'token-expired',
      `the token source returned a token that expired at ${new Date(expiresAt).toISOString()}`,
      true,
    );
  }
  const identity = typeof payload.sub === 'string' ? payload.sub : '';
  if (!identity) {
    throw new CallTokenError('token-malformed', 'not-allowed', 'the token has no identity (sub)', false);
  }
  const issued = payload.nbf ?? payload.iat;
  // A token minted "in the future" by a skewed clock still counts its lifetime from now.
  const issuedAt = typeof issued === 'number' ? Math.min(issued * 1000, now) : now;
  return { identity, roomName: payload.video?.room ?? null, expiresAt, issuedAt };
}
