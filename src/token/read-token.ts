import { decodeTokenPayload } from 'livekit-client';
import type { TokenInfo } from '../call/types';
import { CallTokenError } from './token-error';
import { lifetimeFromClaims } from './token-clock';

/** exp, identity, room and lifetime of a LiveKit JWT; the token itself goes no further. */
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
  const issued = payload.nbf ?? payload.iat;
  const issuedClaim = typeof issued === 'number' ? issued * 1000 : null;
  // Only the token's own claims can prove it dead on arrival; the browser's clock cannot (it may
  // be minutes off the token server's), so the server is the judge of expiry.
  if (issuedClaim !== null && expiresAt <= issuedClaim) {
    throw new CallTokenError(
      'token-already-expired',
      'token-expired',
      `the token source returned a token that expires (${new Date(expiresAt).toISOString()}) before it becomes valid`,
      false,
    );
  }
  const identity = typeof payload.sub === 'string' ? payload.sub : '';
  if (!identity) {
    throw new CallTokenError('token-malformed', 'not-allowed', 'the token has no identity (sub)', false);
  }
  return {
    identity,
    roomName: payload.video?.room ?? null,
    expiresAt,
    issuedAt: issuedClaim ?? now,
    lifetimeMs: lifetimeFromClaims(expiresAt, issuedClaim, now),
  };
}
