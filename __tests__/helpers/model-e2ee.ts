import fc from 'fast-check';
import { ExternalE2EEKeyProvider, type E2EEOptions } from 'livekit-client';
import { FakeE2EERoom } from '../../src/testing';
import type { ModelSystem } from './model-system';

/** The key the model's E2EE calls use: it must never show up anywhere the app can see. */
export const MODEL_KEY = 'MODEL-SECRET-KEY-BYTES';

/** One key provider for every sequence (as one app keeps one): listeners must not pile up on it. */
export async function createModelE2EE(): Promise<E2EEOptions> {
  const keyProvider = new ExternalE2EEKeyProvider();
  await keyProvider.setKey(MODEL_KEY);
  const worker = { postMessage: () => undefined, onmessage: null, onerror: null } as unknown as Worker;
  return { keyProvider, worker };
}

type E2EEStep = { label: string; act: (sys: ModelSystem) => void };

export const e2eeSteps = fc.constantFrom<E2EEStep>(
  { label: 'next Room: setE2EEEnabled rejects', act: (sys) => void sys.rooms.e2eeFaults.push({ step: { error: new Error('E2EE worker failed to start') } }) },
  { label: 'next Room: the E2EE worker never answers', act: (sys) => void sys.rooms.e2eeFaults.push({ step: {}, workerSilent: true }) },
  { label: 'next Room: setE2EEEnabled takes 2 s', act: (sys) => void sys.rooms.e2eeFaults.push({ step: { delayMs: 2_000 } }) },
);

/** No source is ever published (or toggled on) on a Room whose encryption the worker has not confirmed. */
export function checkE2EEStep(sys: ModelSystem): string | undefined {
  if (!sys.e2ee) return undefined;
  for (const [i, room] of sys.rooms.rooms.entries()) {
    if (!(room instanceof FakeE2EERoom)) return `Room ${i} was built without RoomOptions.e2ee`;
    const order = room.order;
    const confirmed = order.findIndex((e) => e.what === 'worker' && e.enabled);
    const out = order.findIndex((e) => e.what === 'published' || (e.what === 'toggle' && e.enabled));
    if (out >= 0 && (confirmed < 0 || out < confirmed || !order[out]!.encrypted && order[out]!.what === 'published')) {
      return `Room ${i}: ${order[out]!.what} ${order[out]!.source ?? ''} before its encryption was on`;
    }
  }
  return undefined;
}

/** After leave: the Rooms' listeners on the one key provider are gone (livekit-client never removes them itself). */
export function checkE2EEAfterLeave(sys: ModelSystem): string | undefined {
  const options = sys.e2eeOptions as { keyProvider?: unknown } | undefined;
  const provider = options?.keyProvider as { eventNames?(): (string | symbol)[]; listenerCount?(event: string | symbol): number } | undefined;
  if (!provider?.eventNames || !provider.listenerCount) return undefined;
  // The provider's own `keyRatcheted` handler is there from its constructor on.
  const left = provider.eventNames().filter((e) => e !== 'keyRatcheted').reduce((n, event) => n + provider.listenerCount!(event), 0);
  return left > 0 ? `${left} listeners left on the key provider after leave` : undefined;
}

/** Settled and connected with E2EE: the state says encrypted, and the Room is. */
export function checkE2EESettled(sys: ModelSystem): string | undefined {
  if (!sys.e2ee) return undefined;
  const { e2ee } = sys.call();
  const room = sys.current() as FakeE2EERoom;
  if (!e2ee.configured || !e2ee.encrypted || !room.isE2EEEnabled) return `connected with E2EE, but state ${JSON.stringify(e2ee)}, Room encrypted ${String(room.isE2EEEnabled)}`;
  return undefined;
}
