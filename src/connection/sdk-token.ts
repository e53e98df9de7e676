import { EngineEvent, decodeTokenPayload } from 'livekit-client';
import { lifetimeFromClaims, tokenLife, type TokenLife } from '../token/token-clock';
import type { CallRoom } from './room-surface';

type TokenEmitter = { on(event: string, fn: (token: string) => void): unknown; off(event: string, fn: (token: string) => void): unknown };

/**
 * Follows the life of the token the SDK keeps for its resumes: the server pushes a fresh one over
 * signal (every 5 min) and the engine announces it. Only its timing is kept (from its own claims,
 * so a skewed browser clock does not matter). A Room without an engine (a double) keeps the life
 * of the token it connected with.
 */
export function followSdkTokenExpiry(room: CallRoom, onToken: (life: TokenLife) => void): () => void {
  const engine = (room as unknown as { engine?: Partial<TokenEmitter> }).engine;
  if (!engine || typeof engine.on !== 'function' || typeof engine.off !== 'function') return () => undefined;
  const listener = (token: string) => {
    try {
      const { exp, nbf, iat } = decodeTokenPayload(token);
      const issued = nbf ?? iat;
      if (typeof exp === 'number') onToken(tokenLife(lifetimeFromClaims(exp * 1000, typeof issued === 'number' ? issued * 1000 : null, Date.now())));
    } catch {
      // not a JWT: keep the last known exp
    }
  };
  engine.on(EngineEvent.TokenRefreshed, listener);
  return () => engine.off?.(EngineEvent.TokenRefreshed, listener);
}
