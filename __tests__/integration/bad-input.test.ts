import { callActions } from '../../src';
import { makeTestToken } from '../../src/testing';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const JOIN = { roomName: 'r', participantIdentity: 'ann' };

describe('bad input gets a typed error in state, nothing throws into the store', () => {
  it.each([
    ['a value that is not a JWT', { serverUrl: 'wss://x', participantToken: 'not-a-jwt' }, 'token-malformed', 'not-allowed'],
    ['a JWT without exp', { serverUrl: 'wss://x', participantToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2ln' }, 'token-missing-exp', 'not-allowed'],
    ['no serverUrl', { participantToken: makeTestToken({ identity: 'ann' }) }, 'token-source-invalid-response', 'unknown'],
    ['no token', { serverUrl: 'wss://x' }, 'token-source-invalid-response', 'not-allowed'],
    ['an empty object', {}, 'token-source-invalid-response', 'unknown'],
  ])('%s', async (_name, response, code, kind) => {
    const t = createCallStore();
    t.tokens.script({ kind: 'raw', response });
    t.store.dispatch(callActions.join(JOIN));
    await advance(30_000);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ code, kind });
    expect(t.rooms.rooms).toHaveLength(0);
    expect(t.task.isRunning()).toBe(true);
  });

  it('a token source answering nothing at all (TokenSource.custom throws on it) is retried like a failed fetch', async () => {
    const t = createCallStore();
    t.tokens.script({ kind: 'raw', response: undefined });
    t.store.dispatch(callActions.join(JOIN));
    await advance(2_000);
    expect(t.tokens.fetches).toHaveLength(2);
    expect(t.call().status).toBe('connected');
  });

  it('a token that expires before it becomes valid (by its own claims) is refused before any connect', async () => {
    const t = createCallStore();
    const broken = { serverUrl: 'wss://x', participantToken: makeTestToken({ identity: 'ann', ttlSeconds: -30 }) };
    t.tokens.script({ kind: 'raw', response: broken });
    t.store.dispatch(callActions.join(JOIN));
    await advance(30_000);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ code: 'token-already-expired', kind: 'token-expired' });
    // the same source would mint the same broken token: no retries
    expect(t.tokens.fetches).toHaveLength(1);
    expect(t.rooms.rooms).toHaveLength(0);
  });

  it('a token source that throws is retried, then fails with a network error', async () => {
    const t = createCallStore();
    const boom = new Error('Error generating token from endpoint /token: received 503 / upstream down');
    t.tokens.script({ kind: 'error', error: boom }, { kind: 'error', error: boom }, { kind: 'error', error: boom });
    t.store.dispatch(callActions.join(JOIN));
    await advance(1);
    expect(t.call().status).toBe('connecting');
    await advance(30_000);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ kind: 'network', code: 'token-source-failed' });
    expect(t.tokens.fetches).toHaveLength(3);
  });

  it('a token source that returns HTML (JSON parse error) recovers when it heals', async () => {
    const t = createCallStore();
    t.tokens.script({ kind: 'error', error: new SyntaxError("Unexpected token '<', \"<html>\" is not valid JSON") });
    t.store.dispatch(callActions.join(JOIN));
    await advance(2_000);
    expect(t.call().status).toBe('connected');
    expect(t.tokens.fetches).toHaveLength(2);
  });

  it('a token source that hangs is timed out, and the retry does not queue behind the hung request', async () => {
    const t = createCallStore({ tokenFetchTimeoutMs: 3_000 });
    t.tokens.script({ kind: 'hang' });
    t.store.dispatch(callActions.join(JOIN));
    await advance(2_999);
    expect(t.call().status).toBe('connecting');
    await advance(1);
    expect(t.call().lastError).toBeNull();
    // TokenSource.custom's mutex is still held by the hung request; the retry goes around it
    await advance(1_000);
    expect(t.tokens.fetches).toHaveLength(2);
    expect(t.call().status).toBe('connected');
  });

  it('a token source that hangs every time ends in a typed timeout', async () => {
    const t = createCallStore({ tokenFetchTimeoutMs: 3_000 });
    t.tokens.script({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    t.store.dispatch(callActions.join(JOIN));
    await advance(60_000);
    expect(t.tokens.fetches).toHaveLength(3);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ kind: 'network', code: 'token-source-timeout' });
  });

  it('a token source whose fetch throws synchronously', async () => {
    const t = createCallStore({
      tokenSource: {
        fetch: () => {
          throw new Error('misconfigured');
        },
      },
    });
    t.store.dispatch(callActions.join(JOIN));
    await advance(30_000);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ code: 'token-source-failed' });
  });

  it('join while already joined is a no-op; join after leave works', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.join(JOIN));
    await settle();
    t.store.dispatch(callActions.join({ roomName: 'other' }));
    await settle();
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.call().roomName).toBe('r');
    expect(t.tokens.fetches).toHaveLength(1);
    t.store.dispatch(callActions.leave());
    t.store.dispatch(callActions.join({ roomName: 'other', participantIdentity: 'ann' }));
    await settle();
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().roomName).toBe('other');
    expect(t.call().status).toBe('connected');
  });

  it('leave before join and forceReconnect outside a call do nothing', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.leave());
    t.store.dispatch(callActions.forceReconnect({ reason: 'x' }));
    await advance(20_000);
    expect(t.call().status).toBe('idle');
    expect(t.rooms.rooms).toHaveLength(0);
  });

  it('createCallController without a token source throws a clear TypeError at wiring time', () => {
    expect(() => createCallStore({ tokenSource: undefined as never })).toThrow(/tokenSource/);
  });
});
