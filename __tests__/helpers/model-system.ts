import { configureStore, type Middleware, type UnknownAction } from '@reduxjs/toolkit';
import { ConnectionState, DeviceUnsupportedError, TokenSource, type E2EEOptions, type TokenSourceResponseObject } from 'livekit-client';
import { put, takeEvery } from 'redux-saga/effects';
import createSagaMiddleware from 'redux-saga';
import { callActions, callReducer, createCallController, type CallAlert } from '../../src';
import { resetExpectedNoise } from '../../src/errors/expected-noise';
import { FakeE2EERoom, FakeMediaWorld, FakeRoom, makeTestToken, type FakeConnectStep, type FakeE2EEStep } from '../../src/testing';
import { createQuietLogger } from './call-store';
import { createModelDevices } from './model-setup';
import { callClockNow } from '../../src/clock/call-clock';

/** What the scripted token endpoint answers next (the model's token-source faults). */
export type TokenAnswer = 'ok' | '503' | 'html' | 'hang' | '401' | 'other-identity' | 'malformed';

/**
 * The token endpoint behind livekit-client's own `TokenSource.custom`. A `hang` lasts until
 * `endHangs()` (a browser gives up on a request eventually); the server clock can be skewed.
 */
function createModelTokenEndpoint() {
  const answers: TokenAnswer[] = [];
  const minted: string[] = [];
  const hung: ((error: Error) => void)[] = [];
  let skewMs = 0;
  let guests = 0;
  const source = TokenSource.custom(async (options): Promise<TokenSourceResponseObject> => {
    const answer = answers.shift() ?? 'ok';
    if (answer === '503') throw new Error('token endpoint answered 503 Service Unavailable');
    if (answer === 'html') throw new SyntaxError('Unexpected token \'<\', "<!DOCTYPE html>" is not valid JSON');
    if (answer === '401') throw Object.assign(new Error('token endpoint answered 401 Unauthorized'), { status: 401 });
    if (answer === 'hang') return new Promise((_resolve, reject) => hung.push(reject));
    if (answer === 'malformed') return { serverUrl: 'wss://livekit.test', participantToken: 'not-a-jwt' } as TokenSourceResponseObject;
    const identity = answer === 'other-identity' ? 'mallory' : options.participantIdentity || `guest-${++guests}`;
    const participantToken = makeTestToken({ identity, roomName: options.roomName, ttlSeconds: 600, now: Date.now() + skewMs });
    minted.push(participantToken);
    return { serverUrl: 'wss://livekit.test', participantToken } as TokenSourceResponseObject;
  });
  return {
    source,
    minted,
    answer: (...next: TokenAnswer[]) => answers.push(...next),
    skew: (ms: number) => (skewMs = ms),
    /** Faults stop: no more scripted answers, no skew, hung requests fail as a browser's would. */
    heal() {
      answers.length = 0;
      skewMs = 0;
      for (const reject of hung.splice(0)) reject(new TypeError('Failed to fetch'));
    },
  };
}

/** The Room double's factory, with a connect script that can be healed. */
function createModelRooms(e2ee: boolean) {
  const rooms: FakeRoom[] = [];
  /** With E2EE: what the next Rooms' `setE2EEEnabled` does, and whether their worker answers. */
  const e2eeFaults: { step: FakeE2EEStep; workerSilent?: boolean }[] = [];
  const steps: FakeConnectStep[] = [];
  const control = { unsupported: false };
  // bob publishes a camera in every Room; his feed and ours are the model's media faults.
  const media = new FakeMediaWorld();
  const devices = createModelDevices();
  const bob = media.addRemote('bob');
  return {
    rooms,
    media,
    devices,
    bob,
    /** The next `new Room({ e2ee })` throws, as on a browser without encryption support. */
    failNextCreate: () => (control.unsupported = true),
    createRoom: (options: ConstructorParameters<typeof FakeRoom>[0]) => {
      if (control.unsupported) {
        control.unsupported = false;
        throw new DeviceUnsupportedError('Cannot use E2EE on this browser');
      }
      const room = e2ee ? new FakeE2EERoom(options, () => steps.shift() ?? {}) : new FakeRoom(options, () => steps.shift() ?? {});
      const fault = e2ee ? e2eeFaults.shift() : undefined;
      if (fault && room instanceof FakeE2EERoom) {
        room.scriptE2EE(fault.step);
        if (fault.workerSilent) room.workerAnswerMs = null;
      }
      media.attach(room);
      room.devices = devices;
      rooms.push(room);
      return room;
    },
    scriptConnect: (...next: FakeConnectStep[]) => steps.push(...next),
    e2eeFaults,
    heal() {
      steps.length = 0;
      e2eeFaults.length = 0;
      control.unsupported = false;
      for (const room of rooms) {
        room.disconnectDelayMs = 0;
        room.localParticipant.clearScript();
      }
      for (const feed of [bob, media.camera]) Object.assign(feed, { flowing: true, muted: false, heal: 'remedy', restartError: undefined });
    },
  };
}

/** Everything a model step acts on and every invariant reads. */
export function createModelSystem({ e2ee }: { e2ee?: E2EEOptions } = {}) {
  resetExpectedNoise();
  const rooms = createModelRooms(e2ee !== undefined);
  const tokens = createModelTokenEndpoint();
  const alerts: CallAlert[] = [];
  const logger = createQuietLogger();
  const actions: UnknownAction[] = [];
  /**
   * The library's call clock at each action (src/clock/call-clock.ts): steady time plus what it
   * counted as sleep. A wall clock stepped forward counts like a sleep, by design (a token lived
   * through it), so a cooldown is over after it: the pace is judged on that clock.
   */
  const actionTimes: number[] = [];
  const controller = createCallController({ tokenSource: tokens.source, createRoom: rooms.createRoom, onAlert: (a) => alerts.push(a), logger, enumerateDevices: rooms.devices.enumerate, ...(e2ee ? { e2ee } : {}) });
  const sagaErrors: unknown[] = [];
  const sagaMiddleware = createSagaMiddleware({ onError: (error) => sagaErrors.push(error) });
  const record: Middleware = () => (next) => (action) => {
    actions.push(action as UnknownAction);
    actionTimes.push(callClockNow());
    return next(action);
  };
  const store = configureStore({
    reducer: { call: callReducer },
    // Serializability is asserted on every action by the model; the dev check would only log.
    middleware: (getDefault) => getDefault({ serializableCheck: false, immutableCheck: false }).concat(record, sagaMiddleware),
  });
  const task = sagaMiddleware.run(controller.saga);
  // An app saga that goes back to the main room when a call ends (armed by a model step).
  const app = { rejoinArmed: false, rejoined: false };
  sagaMiddleware.run(function* appSaga() {
    yield takeEvery([callActions.disconnected.type, callActions.failed.type], function* () {
      if (!app.rejoinArmed) return;
      app.rejoinArmed = false;
      app.rejoined = true;
      yield put(callActions.join({ roomName: 'main', participantIdentity: 'ann' }));
    });
  });
  return {
    app,
    store,
    controller,
    rooms,
    tokens,
    e2ee: e2ee !== undefined,
    e2eeOptions: e2ee,
    devices: rooms.devices,
    alerts,
    logger,
    actions,
    actionTimes,
    sagaErrors,
    task,
    /** Screen-share clicks made while connected (gestures). */
    shareGestures: 0,
    /** Alert-worthy faults injected so far (each may be reported once). */
    alertCauses: 0,
    call: () => store.getState().call,
    current: (): FakeRoom | undefined => rooms.rooms[rooms.rooms.length - 1],
    /** Rooms the controller has not let go of (not disconnected, `disconnect()` never called). */
    liveRooms: () => rooms.rooms.filter((r) => r.state !== ConnectionState.Disconnected && r.disconnectCalls === 0),
  };
}

export type ModelSystem = ReturnType<typeof createModelSystem>;

/** Plain JSON data only: what Redux DevTools and a persisted store can keep. */
export function isPlain(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === undefined) return true;
  if (Array.isArray(value)) return value.every((v) => isPlain(v, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    return (proto === Object.prototype || proto === null) && Object.values(value as object).every((v) => isPlain(v, depth + 1));
  }
  return false;
}
