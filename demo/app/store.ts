import { configureStore, type Middleware, type UnknownAction } from '@reduxjs/toolkit';
import createSagaMiddleware from 'redux-saga';
import { TokenSource } from 'livekit-client';
import { callReducer, createCallController, installCallErrorFilter, routeLiveKitLogs, type CallAlert } from 'redux-livekit-call';

export interface TimelineItem {
  at: number;
  type: string;
  payload?: unknown;
}

type Listener = () => void;
const timeline: TimelineItem[] = [];
const timelineListeners = new Set<Listener>();
export const alerts: CallAlert[] = [];

/** The same `call/` stream Redux DevTools shows, kept for the timeline panel. */
const recorder: Middleware = () => (next) => (action) => {
  const { type, payload } = action as UnknownAction & { payload?: unknown };
  if (type.startsWith('call/')) {
    timeline.push({ at: Date.now(), type, payload });
    if (timeline.length > 300) timeline.splice(0, timeline.length - 300);
    for (const listener of timelineListeners) listener();
  }
  return next(action);
};

export const timelineStore = {
  subscribe(listener: Listener) {
    timelineListeners.add(listener);
    return () => timelineListeners.delete(listener);
  },
  snapshot: () => timeline.length,
  items: () => timeline,
};

routeLiveKitLogs(console);
installCallErrorFilter({ onAlert: (alert) => alerts.push(alert) });

export const controller = createCallController({
  tokenSource: TokenSource.endpoint('/api/token'),
  connectOptions: { rtcConfig: { iceServers: [] } }, // no public STUN: loopback only
  onAlert: (alert) => alerts.push(alert),
  tokenFetchTimeoutMs: 5_000,
});

const sagaMiddleware = createSagaMiddleware();
export const store = configureStore({
  reducer: { call: callReducer },
  middleware: (getDefault) => getDefault().concat(recorder, sagaMiddleware),
});
sagaMiddleware.run(controller.saga);

export type RootState = ReturnType<typeof store.getState>;

// For the browser check and the curious: the store and controller from the console.
(window as unknown as { demo: unknown }).demo = { store, controller, timeline, alerts };
