import { expectSaga } from 'redux-saga-test-plan';
import * as matchers from 'redux-saga-test-plan/matchers';
import { throwError } from 'redux-saga-test-plan/providers';
import { NegotiationError } from 'livekit-client';
import { callActions, callReducer, createInitialCallState, type CallState } from '../../src';
import type { ControllerContext } from '../../src/controller/context';
import { resolveOptions } from '../../src/controller/options';
import { createRoomHolder } from '../../src/connection/room-holder';
import { createCredentialStore } from '../../src/token/credentials';
import { fetchCredentials } from '../../src/token/fetch-credentials';
import { tokenRefreshSaga } from '../../src/token/refresh-saga';
import { tokenLife } from '../../src/token/token-clock';
import { noteNegotiationError } from '../../src/negotiation/negotiation-saga';
import { videoProfileSaga } from '../../src/controller/supervisor';
import { applySource } from '../../src/media/apply-source';
import { FakeRoom, createTestTokenSource } from '../../src/testing';
import { createQuietLogger } from '../helpers/call-store';
import { createCaptureKeeper } from '../../src/media-setup/capture-keeper';

function context(overrides: Parameters<typeof resolveOptions>[0] extends infer C ? Partial<C> : never = {}): ControllerContext {
  const options = resolveOptions({ tokenSource: createTestTokenSource().tokenSource, ...overrides }, () => {
    throw new Error('no rooms in saga tests');
  });
  return { options, rooms: createRoomHolder(), credentials: createCredentialStore(), captures: createCaptureKeeper(), logger: createQuietLogger(), roomProfile: 'hd', lastForcedReconnectAt: undefined, alert: jest.fn() };
}

/** The first race is "due"; later ones never settle, so the endless refresh loop stops after one turn. */
function dueOnce() {
  let turns = 0;
  return () => (turns++ === 0 ? { due: true } : new Promise(() => undefined));
}

const stateWith = (call: Partial<CallState>) => ({ call: { ...createInitialCallState(), ...call } });

describe('tokenRefreshSaga (redux-saga-test-plan)', () => {
  it('when the refresh is due it fetches with force (no reconnect, no Room)', () => {
    const now = Date.now();
    const ctx = context();
    // The refresh is timed from the stored token's own lifetime on the call clock, not from state.
    ctx.credentials.set({ serverUrl: 'wss://x', token: 't', expiresAt: now + 60_000, life: tokenLife(60_000) });
    return expectSaga(tokenRefreshSaga, ctx)
      .withState(stateWith({ status: 'connected', tokenIssuedAt: now, tokenExpiresAt: now + 60_000, identity: 'ann' }))
      .provide({
        race: dueOnce(),
        call(effect, next) {
          return effect.fn === fetchCredentials ? { serverUrl: 'wss://x', token: 't', expiresAt: now + 60_000 } : next();
        },
      })
      .call(fetchCredentials, ctx, true)
      .not.put.like({ action: { type: callActions.reconnectRequested.type } })
      .silentRun(50);
  });

  it('a failed refresh is recorded as a typed error with its backoff, and the loop goes on', () => {
    const ctx = context();
    ctx.credentials.set({ serverUrl: 'wss://x', token: 't', expiresAt: Date.now() + 600_000, life: tokenLife(600_000) });
    return expectSaga(tokenRefreshSaga, ctx)
      .withState(stateWith({ status: 'connected', tokenIssuedAt: Date.now(), tokenExpiresAt: Date.now() + 600_000 }))
      .provide([
        { race: dueOnce() },
        [matchers.call.fn(fetchCredentials), throwError(new Error('Error generating token from endpoint /t: received 503 / down'))],
      ])
      .put.like({ action: { type: callActions.tokenRefreshFailed.type, payload: { failures: 1, retryInMs: 2_000, error: { kind: 'network', code: 'token-refresh-failed' } } } })
      .silentRun(50);
  });
});

describe('noteNegotiationError (redux-saga-test-plan)', () => {
  it('the second error inside the window switches to stable and asks for one reconnect', () => {
    const at = Date.now();
    return expectSaga(noteNegotiationError, context(), 'toggle:camera')
      .withReducer((state: { call: CallState } | undefined, action) => ({ call: callReducer(state?.call, action) }), stateWith({ negotiationErrors: [at - 1_000] }))
      .put.like({ action: { type: callActions.profileChanged.type, payload: { profile: 'stable' } } })
      .put.like({ action: { type: callActions.reconnectRequested.type } })
      .returns(true)
      .run();
  });

  it('a lone error is only counted', () =>
    expectSaga(noteNegotiationError, context(), 'connect')
      .withReducer((state: { call: CallState } | undefined, action) => ({ call: callReducer(state?.call, action) }), stateWith({}))
      .put.like({ action: { type: callActions.negotiationErrorSeen.type, payload: { origin: 'connect' } } })
      .not.put.like({ action: { type: callActions.profileChanged.type } })
      .returns(false)
      .run());
});

describe('videoProfileSaga (redux-saga-test-plan)', () => {
  it('in a call: records the change and asks for a controlled reconnect', () =>
    expectSaga(videoProfileSaga, context())
      .withState(stateWith({ status: 'connected', videoProfile: 'stable' }))
      .put.like({ action: { type: callActions.profileChanged.type, payload: { profile: 'hd', reason: 'user' } } })
      .put(callActions.reconnectRequested({ reason: 'video-profile: hd' }))
      .dispatch(callActions.setVideoProfile('hd'))
      .silentRun(50));

  it('outside a call: records it, no reconnect', () =>
    expectSaga(videoProfileSaga, context())
      .withState(stateWith({ status: 'idle' }))
      .put.like({ action: { type: callActions.profileChanged.type } })
      .not.put.like({ action: { type: callActions.reconnectRequested.type } })
      .dispatch(callActions.setVideoProfile('stable'))
      .silentRun(50));
});

describe('applySource (redux-saga-test-plan)', () => {
  it('a NegotiationError keeps the wish and is counted, not retried', () => {
    const ctx = context();
    const room = new FakeRoom({}, () => ({}));
    ctx.rooms.set(room);
    room.localParticipant.scriptToggle('camera', { error: new NegotiationError('negotiation timed out') });
    return expectSaga(applySource, ctx, room, 'camera', true, false)
      .withState(stateWith({ status: 'connected' }))
      .put(callActions.toggleStarted({ source: 'camera', desired: true, reapply: false }))
      .put(callActions.toggleSettled({ source: 'camera', enabled: false, desired: true, ok: false }))
      .call.fn(noteNegotiationError)
      .run()
      .then(() => expect(room.localParticipant.calls).toHaveLength(1));
  });
});
