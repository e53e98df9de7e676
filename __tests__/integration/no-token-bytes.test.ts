import { ConnectionError, DisconnectReason } from 'livekit-client';
import { callActions } from '../../src';
import { makeTestToken } from '../../src/testing';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/;

it('no action, no state and no log line carries token bytes through a whole eventful call', async () => {
  const t = createCallStore({ ttlSeconds: 300 });
  const leakedIn401 = makeTestToken({ identity: 'ann', ttlSeconds: -100 });
  t.rooms.scriptConnect({ error: ConnectionError.notAllowed(`invalid token: ${leakedIn401}, error: token has invalid claims: token is expired`, 401) });
  t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
  await settle();
  await advance(10 * 60_000); // refreshes
  t.tokens.script({ kind: 'error', error: new Error(`upstream echoed ${makeTestToken({ identity: 'x' })}`) });
  await advance(5 * 60_000);
  t.rooms.last().simulateSdkGiveUp();
  await settle();
  t.rooms.last().simulateDisconnected(DisconnectReason.SERVER_SHUTDOWN);
  await advance(20_000);
  t.store.dispatch(callActions.leave());
  await settle();

  const issued = t.rooms.rooms.flatMap((room) => room.connectCalls.map((c) => c.token));
  expect(issued.length).toBeGreaterThanOrEqual(4);
  const haystacks = [
    JSON.stringify(t.actions),
    JSON.stringify(t.store.getState()),
    JSON.stringify(t.logger.lines),
    JSON.stringify(t.alerts),
  ];
  for (const text of haystacks) {
    expect(text).not.toMatch(JWT_SHAPE);
    for (const token of [...issued, leakedIn401]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.split('.')[2]);
    }
  }
  expect(t.count(callActions.errorOccurred.type) + t.count(callActions.tokenRefreshFailed.type)).toBeGreaterThan(0);
});

it('every dispatched action is serializable and typed call/…', async () => {
  const t = createCallStore();
  t.store.dispatch(callActions.join({ roomName: 'r' }));
  await settle();
  t.rooms.last().simulateSdkGiveUp();
  await settle();
  for (const action of t.actions) {
    expect(action.type.startsWith('call/')).toBe(true);
    expect(JSON.parse(JSON.stringify(action))).toEqual(action);
  }
});

it('chatty Room events cause zero dispatches', async () => {
  const t = createCallStore();
  t.store.dispatch(callActions.join({ roomName: 'r' }));
  await settle();
  const before = t.actions.length;
  t.rooms.last().emitChattyEvents(1_000);
  await settle();
  expect(t.actions.length).toBe(before);
});
