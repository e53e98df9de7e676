import { buffers, eventChannel, type EventChannel } from 'redux-saga';
import { onSdkLogLine, type SdkLogContext } from '../negotiation/sdk-retry-tap';
import type { CallRoom } from './room-surface';

/** livekit-client's RTCEngine, as each resume attempt begins (`info`). */
export const SDK_RESUME_ATTEMPT_LINE = /^resuming signal connection, attempt \d+$/;
/** Its SignalClient, as that attempt opens its WebSocket (`info`), a few ms later when healthy. */
export const SDK_SIGNAL_CONNECTING_LINE = /^signal connecting to /;

export type SdkAttemptEvent = 'resume-attempt' | 'signal-connecting';

/**
 * This Room's resume attempts and WebSocket opens, from livekit-client's log lines (no event says
 * when a WebSocket is opened). In livekit-client 2.23 a resume whose socket closed before it
 * opened (no `error` event: Firefox, after `simulateScenario('node-failure')`) keeps the
 * SignalClient's connection lock for good; every later attempt logs its start and never opens a
 * socket. The watch uses that gap to take over at once, once it has heard this Room open a socket
 * at all (an app that quiets livekit-client's signal logger below `info` must not look stuck; the
 * levels are not read: livekit-client's `getLogger` resets a logger's level as a side effect).
 */
export function sdkAttemptChannel(room: CallRoom): EventChannel<SdkAttemptEvent> {
  return eventChannel<SdkAttemptEvent>((emit) => {
    const ours = (c: SdkLogContext) => c.room === room.name && (c.participant === undefined || c.participant === room.localParticipant.identity);
    return onSdkLogLine(
      (msg) => SDK_RESUME_ATTEMPT_LINE.test(msg) || SDK_SIGNAL_CONNECTING_LINE.test(msg),
      (c, msg) => ours(c) && emit(SDK_RESUME_ATTEMPT_LINE.test(msg) ? 'resume-attempt' : 'signal-connecting'),
    );
  }, buffers.sliding<SdkAttemptEvent>(4));
}
