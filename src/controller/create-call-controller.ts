import { Room, type RoomOptions } from 'livekit-client';
import { call, fork } from 'redux-saga/effects';
import type { CallRoom } from '../connection/room-surface';
import { createRoomHolder } from '../connection/room-holder';
import { createAlertFolder } from '../errors/alert-folder';
import { createCallLogger } from '../errors/logger';
import { errorMessage, redactTokens } from '../errors/redact';
import { diagnosticsSaga } from '../diagnostics/diagnostics-saga';
import { buildDiagnostics, type CallDiagnostics } from '../diagnostics/export-diagnostics';
import { createRingBuffer } from '../diagnostics/ring-buffer';
import type { TimelineEntry } from '../diagnostics/timeline-entry';
import { e2eeSaga } from '../e2ee/e2ee-saga';
import { mediaSaga } from '../media/toggle-saga';
import { processorSaga } from '../media-setup/processor-saga';
import { devicesSaga } from '../devices/device-saga';
import { controlsSaga } from '../controls/controls-saga';
import { qualitySaga } from '../quality/quality-saga';
import { createCredentialStore } from '../token/credentials';
import { createCaptureKeeper } from '../media-setup/capture-keeper';
import type { ControllerContext } from './context';
import { resolveOptions, type CallControllerConfig } from './options';
import { sessionSupervisor, videoProfileSaga } from './supervisor';

export interface CallController {
  /** The root saga: `sagaMiddleware.run(controller.saga)`. */
  saga: () => Generator;
  /** The Room in use now (a forced reconnect replaces it). */
  getRoom(): Room | undefined;
  /** Told whenever the Room in use changes. */
  subscribe(listener: (room: Room | undefined) => void): () => void;
  /** The last `diagnosticsLimit` timeline entries plus versions and options, redacted, JSON-safe. */
  exportDiagnostics(): CallDiagnostics;
}

const defaultCreateRoom = (options: RoomOptions): CallRoom => new Room(options) as unknown as CallRoom;

export function createCallController(config: CallControllerConfig): CallController {
  const options = resolveOptions(config, defaultCreateRoom);
  const logger = createCallLogger(options.logger);
  const folder = options.onAlert ? createAlertFolder({ onAlert: options.onAlert }) : undefined;
  const rooms = createRoomHolder();
  const timeline = createRingBuffer<TimelineEntry>(options.diagnosticsLimit);
  const alerted = new WeakSet<object>();
  const ctx: ControllerContext = {
    options,
    rooms,
    credentials: createCredentialStore(),
    captures: createCaptureKeeper(),
    logger,
    roomProfile: undefined,
    lastForcedReconnectAt: undefined,
    alert(kind, message, cause) {
      if (cause !== null && typeof cause === 'object') {
        if (alerted.has(cause)) return;
        alerted.add(cause);
      }
      folder?.report({ kind, message: redactTokens(message), at: Date.now() });
    },
  };

  /** A bug in one capability must not silently kill the others: log it and start it again. */
  function* keepAlive(name: string, saga: (c: ControllerContext) => Generator) {
    for (;;) {
      try {
        yield call(saga, ctx);
        return;
      } catch (error) {
        logger.error(`[redux-livekit-call] ${name} crashed and was restarted: ${errorMessage(error)}`);
      }
    }
  }

  function* saga(): Generator {
    yield fork(keepAlive, 'media', mediaSaga);
    yield fork(keepAlive, 'devices', devicesSaga);
    yield fork(keepAlive, 'processors', processorSaga);
    yield fork(keepAlive, 'controls', controlsSaga);
    yield fork(keepAlive, 'video-profile', videoProfileSaga);
    yield fork(keepAlive, 'quality', qualitySaga);
    yield fork(keepAlive, 'e2ee', e2eeSaga);
    yield fork(keepAlive, 'session', sessionSupervisor);
    yield fork(keepAlive, 'diagnostics', () => diagnosticsSaga(timeline));
  }

  return {
    saga,
    getRoom: () => rooms.get() as Room | undefined,
    subscribe: (listener) => rooms.subscribe((room) => listener(room as Room | undefined)),
    exportDiagnostics: () => buildDiagnostics(options, timeline, Date.now()),
  };
}
