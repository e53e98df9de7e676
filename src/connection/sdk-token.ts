import { EngineEvent, decodeTokenPayload } from 'livekit-client';
import { buffers, eventChannel, type EventChannel } from 'redux-saga';
import { lifetimeFromClaims, tokenLife, type TokenLife } from '../token/token-clock';
import type { CallRoom } from './room-surface';

type EngineEmitter = { on(event: string, fn: (...args: never[]) => void): unknown; off(event: string, fn: (...args: never[]) => void): unknown };

/** What the controller hears from the Room's engine (livekit-client's RTCEngine). */
export type EngineSignal =
  /**
   * The token the SDK holds for its resumes: a fresh one the server pushed (every 5 min), or the
   * one it already had, which livekit-client's engine announces again before each reconnect
   * attempt. Only its timing is kept (`expiresAt`: its exp, epoch ms).
   */
  | { type: 'sdk-token'; life: TokenLife; expiresAt: number }
  /** A resume got its signal connection back; media paths are still being restarted. */
  | { type: 'signal-resumed' };

function lifeOf(token: string): { life: TokenLife; expiresAt: number } | undefined {
  try {
    const { exp, nbf, iat } = decodeTokenPayload(token);
    const issued = nbf ?? iat;
    if (typeof exp !== 'number') return undefined;
    return { life: tokenLife(lifetimeFromClaims(exp * 1000, typeof issued === 'number' ? issued * 1000 : null, Date.now())), expiresAt: exp * 1000 };
  } catch {
    return undefined; // not a JWT: keep the last known life
  }
}

/**
 * The engine of a connected Room (livekit-client builds a new one on connect, so this is read
 * after it). A Room without an engine (a double without one) gives no channel; the SDK's token
 * then keeps the life of the one it connected with.
 */
export function engineSignalChannel(room: CallRoom): EventChannel<EngineSignal> | undefined {
  const engine = (room as unknown as { engine?: Partial<EngineEmitter> }).engine;
  if (!engine || typeof engine.on !== 'function' || typeof engine.off !== 'function') return undefined;
  return eventChannel<EngineSignal>((emit) => {
    const onToken = (token: string) => {
      const known = lifeOf(token);
      if (known) emit({ type: 'sdk-token', ...known });
    };
    const onResumed = () => emit({ type: 'signal-resumed' });
    engine.on!(EngineEvent.TokenRefreshed, onToken);
    engine.on!(EngineEvent.SignalResumed, onResumed);
    return () => {
      engine.off!(EngineEvent.TokenRefreshed, onToken);
      engine.off!(EngineEvent.SignalResumed, onResumed);
    };
  }, buffers.sliding<EngineSignal>(4));
}
