import { configureStore, type Middleware } from '@reduxjs/toolkit';
import createSagaMiddleware from 'redux-saga';
import { callReducer, createCallController, type CallControllerConfig } from '../src/index';
import { TokenSource } from 'livekit-client';
import { makeTestToken } from '../src/testing/index';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A whole store with the controller; `dispatches` counts every action that reached the reducer. */
export function benchStore(config: Partial<CallControllerConfig> & Pick<CallControllerConfig, 'createRoom'>) {
  // livekit-client's own TokenSource; no fetch log (a growing log would show up in the soak's heap).
  const tokenSource = TokenSource.custom((options) => ({
    serverUrl: 'wss://bench.invalid',
    participantToken: makeTestToken({ identity: options.participantIdentity ?? 'guest', roomName: options.roomName, ttlSeconds: 3_600 }),
  }));
  const controller = createCallController({ tokenSource, logger: silent, ...config });
  const saga = createSagaMiddleware();
  let dispatches = 0;
  const store = configureStore({
    reducer: { call: callReducer },
    middleware: (getDefault) =>
      getDefault({ serializableCheck: false, immutableCheck: false })
        .concat(((() => (next: (a: unknown) => unknown) => (action: unknown) => {
          dispatches += 1;
          return next(action);
        }) as Middleware))
        .concat(saga),
  });
  const task = saga.run(controller.saga);
  return { store, controller, task, dispatches: () => dispatches };
}

/** Resolves once `predicate(state)` holds (checked on every dispatch). */
export function until(store: { getState(): unknown; subscribe(fn: () => void): () => void }, predicate: (state: never) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate(store.getState() as never)) return resolve();
    const unsubscribe = store.subscribe(() => {
      if (predicate(store.getState() as never)) {
        unsubscribe();
        resolve();
      }
    });
  });
}

/** Median of repeated timings, to keep one GC pause from deciding a ratio. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
