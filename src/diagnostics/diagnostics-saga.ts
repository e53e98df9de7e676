import { takeEvery } from 'redux-saga/effects';
import type { RingBuffer } from './ring-buffer';
import { toTimelineEntry, type TimelineEntry } from './timeline-entry';

/** Records every `call/` action into the ring buffer as the call's timeline. */
export function* diagnosticsSaga(buffer: RingBuffer<TimelineEntry>) {
  yield takeEvery(
    (action: unknown) => typeof (action as { type?: unknown }).type === 'string' && (action as { type: string }).type.startsWith('call/'),
    (action: { type: string; payload?: unknown }) => {
      const entry = toTimelineEntry(action, Date.now());
      if (entry) buffer.push(entry);
    },
  );
}
