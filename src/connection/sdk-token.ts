import { EngineEvent, decodeTokenPayload } from 'livekit-client';
import type { CallRoom } from './room-surface';

type TokenEmitter = { on(event: string, fn: (token: string) => void): unknown; off(event: string, fn: (token: string) => void): unknown };

/**
 * Follows the exp of the token the SDK keeps for its resumes: the server pushes a fresh one over
 * signal (every 5 min) and the engine announces it. Only exp is kept. A Room without an engine
 * (a double) keeps the exp of the token it connected with.
 */
export function followSdkTokenExpiry(room: CallRoom, onExpiry: (expiresAt: number) => void): () => void {
  const engine = (room as unknown as { engine?: Partial<TokenEmitter> }).engine;
  if (!engine || typeof engine.on !== 'function' || typeof engine.off !== 'function') return () => undefined;
  const listener = (token: string) => {
    try {
      const { exp } = decodeTokenPayload(token);
      if (typeof exp === 'number') onExpiry(exp * 1000);
    } catch {
      // not a JWT: keep the last known exp
    }
  };
  engine.on(EngineEvent.TokenRefreshed, listener);
  return () => engine.off?.(EngineEvent.TokenRefreshed, listener);
}
