import { buffers, eventChannel, type EventChannel } from 'redux-saga';
import type { MediaSourceName } from '../call/types';
import type { CallRoom } from '../connection/room-surface';
import { routeRoom } from './routed-room';
import { rememberToggleArgs } from './toggle-args';

/** A routed `set*Enabled` call: the wanted state and how to settle the caller's promise. */
export interface RoutedToggle {
  source: MediaSourceName;
  wanted: boolean;
  resolve(publication: unknown): void;
  reject(error: unknown): void;
}

export type ControlSignal = { type: 'toggle'; toggle: RoutedToggle } | { type: 'leave' };

/**
 * The calls made on a Room the controller uses, as signals for the controls saga, for as long as
 * the channel is open (closing it puts the Room's own methods back). `argsOwner`: whose
 * remembered capture options these are (one controller).
 */
export function controlSignals(room: CallRoom, argsOwner: object): EventChannel<ControlSignal> {
  return eventChannel<ControlSignal>(
    (emit) =>
      routeRoom(room, {
        toggle: (source, wanted, args) =>
          new Promise((resolve, reject) => {
            rememberToggleArgs(argsOwner, source, args);
            emit({ type: 'toggle', toggle: { source, wanted, resolve, reject } });
          }),
        leave: () => emit({ type: 'leave' }),
      }),
    buffers.expanding<ControlSignal>(8),
  );
}
