import { configureStore, type Middleware, type UnknownAction } from '@reduxjs/toolkit';
import createSagaMiddleware from 'redux-saga';
import { callActions, callReducer, createCallController, type CallAlert, type CallControllerConfig, type CallLogger } from '../../src';
import { createFakeRoomFactory, createTestTokenSource, type FakeMediaWorld } from '../../src/testing';

export interface QuietLogger extends CallLogger {
  lines: { level: string; text: string }[];
}

export function createQuietLogger(): QuietLogger {
  const lines: { level: string; text: string }[] = [];
  const push = (level: string) => (...args: unknown[]) => {
    lines.push({ level, text: args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ') });
  };
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** A whole store: real reducer, real sagas, real livekit-client TokenSource, the Room double. */
export function createCallStore(overrides: Partial<CallControllerConfig> & { ttlSeconds?: number; media?: FakeMediaWorld } = {}, appSaga?: () => Generator) {
  const { media, ...config } = overrides;
  const rooms = createFakeRoomFactory({ media });
  const tokens = createTestTokenSource({ ttlSeconds: overrides.ttlSeconds ?? 600 });
  const alerts: CallAlert[] = [];
  const logger = createQuietLogger();
  const actions: UnknownAction[] = [];
  const controller = createCallController({
    tokenSource: tokens.tokenSource,
    createRoom: rooms.createRoom,
    onAlert: (alert) => alerts.push(alert),
    logger,
    ...config,
  });
  const sagaMiddleware = createSagaMiddleware({ onError: (error) => { throw error; } });
  const store = configureStore({
    reducer: { call: callReducer },
    middleware: (getDefault) =>
      getDefault()
        .concat(((() => (next: (a: unknown) => unknown) => (action: unknown) => {
          actions.push(action as UnknownAction);
          return next(action);
        }) as Middleware))
        .concat(sagaMiddleware),
  });
  const task = sagaMiddleware.run(controller.saga);
  // An app's own saga beside the controller's (e.g. one that re-joins on `call/disconnected`).
  if (appSaga) sagaMiddleware.run(appSaga);
  const call = () => store.getState().call;
  const actionTypes = () => actions.map((a) => a.type);
  const count = (type: string) => actions.filter((a) => a.type === type).length;
  return { store, controller, rooms, tokens, alerts, logger, actions, actionTypes, count, call, task };
}

/** Advances fake time and lets every promise chain in between settle. */
export async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

export async function settle(): Promise<void> {
  await jest.advanceTimersByTimeAsync(0);
}

/** A store already in a call as `ann` in room `r` (the starting point of most scenarios). */
export async function createJoinedStore(overrides: Parameters<typeof createCallStore>[0] = {}) {
  const t = createCallStore(overrides);
  t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
  await settle();
  expect(t.call().status).toBe('connected');
  return t;
}

/** Fake timers from a fixed wall-clock start, for every test in the file. */
export function useFakeCallClock(start = '2026-11-24T10:00:00Z'): void {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date(start) });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}
