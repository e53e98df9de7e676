// What the library page and the VideoConference page build alike: the capture sizes, and a store
// whose every action is recorded (with its time) for the harness's timelines.
import { configureStore, type Middleware, type UnknownAction } from '@reduxjs/toolkit';
import createSagaMiddleware from 'redux-saga';
import { VideoPresets } from 'livekit-client';
import { callReducer, type CallController } from '../../src/index';

/** Codec and simulcast stay as the profiles define them; capture is smaller so that three pages encoding and decoding at once fit the 2-core CI machine. */
export const PAGE_VIDEO_PROFILES = { hd: { videoCaptureDefaults: { resolution: VideoPresets.h540.resolution } }, stable: { videoCaptureDefaults: { resolution: VideoPresets.h360.resolution } } };

export type RecordedAction = { at: number; action: UnknownAction };

/** The call store with `controller.saga` running; every action goes into `actions` first. */
export function recordedCallStore(controller: CallController, actions: RecordedAction[]) {
  const recorder: Middleware = () => (next) => (action) => {
    actions.push({ at: Date.now(), action: action as UnknownAction });
    return next(action);
  };
  const saga = createSagaMiddleware();
  const store = configureStore({ reducer: { call: callReducer }, middleware: (d) => d().concat(recorder, saga) });
  saga.run(controller.saga);
  return store;
}
