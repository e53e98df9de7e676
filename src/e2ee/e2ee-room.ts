import { KeyProviderEvent, type E2EEOptions, type RoomOptions } from 'livekit-client';

type Listener = (...args: never[]) => void;
/** The part of livekit-client's BaseKeyProvider (an EventEmitter) the bookkeeping needs. */
interface ListenerHost {
  listeners(event: string): Listener[];
  off(event: string, listener: Listener): unknown;
}

/**
 * livekit-client 2.23's E2EEManager subscribes to these on the key provider for every Room
 * (`setupEventListeners`) and never unsubscribes; `Room.disconnect` does not dispose it. With one
 * provider across Rooms they pile up: after n Rooms one `ratchetKey()` ratchets the key n times
 * in the shared worker, and every old Room stays reachable from the provider.
 */
const PER_ROOM_EVENTS = [KeyProviderEvent.SetKey, KeyProviderEvent.RatchetRequest] as const;

const added = new WeakMap<object, { provider: ListenerHost; listeners: [string, Listener][] }>();
const released = new WeakSet<object>();

const providerOf = (e2ee: E2EEOptions): ListenerHost | undefined =>
  'keyProvider' in e2ee && typeof (e2ee.keyProvider as unknown as ListenerHost).listeners === 'function' ? (e2ee.keyProvider as unknown as ListenerHost) : undefined;

function listenersAddedBy(provider: ListenerHost | undefined, build: () => void): [string, Listener][] {
  if (!provider) {
    build();
    return [];
  }
  const before = new Map(PER_ROOM_EVENTS.map((event) => [event, new Set(provider.listeners(event))]));
  const diff = () => PER_ROOM_EVENTS.flatMap((event) => provider.listeners(event).filter((l) => !before.get(event)!.has(l)).map((l): [string, Listener] => [event, l]));
  try {
    build();
  } catch (error) {
    for (const [event, listener] of diff()) provider.off(event, listener); // a half-built Room leaves nothing behind
    throw error;
  }
  return diff();
}

/**
 * livekit-client hands a worker's error to its manager (`worker.onerror`) without cancelling it,
 * so the browser reports it again as the page's own uncaught error, with the worker's message
 * (which may quote key material): an app's error hook would alert a second time. The controller
 * already reports it (`e2ee-failed`, one alert, no message), so the event is cancelled here.
 */
function quietWorkerErrors(e2ee: E2EEOptions): void {
  const worker = (e2ee as { worker?: Partial<Pick<Worker, 'addEventListener'>> }).worker;
  if (typeof worker?.addEventListener === 'function') worker.addEventListener('error', (event: Event) => event.preventDefault());
}

/**
 * `createRoom` for a controller with `e2ee`: every Room gets it in its RoomOptions (over any a
 * profile set), and what its manager hangs on the key provider is recorded so that
 * `releaseRoomE2EE` can take it off. Building a Room releases the one built before: the
 * controller closes a Room before it builds the next, and the worker talks only to the newest
 * Room's manager anyway (it takes over `worker.onmessage`).
 */
export function withE2EE<R extends object>(createRoom: (options: RoomOptions) => R, e2ee: E2EEOptions): (options: RoomOptions) => R {
  const provider = providerOf(e2ee);
  quietWorkerErrors(e2ee);
  let previous: R | undefined;
  return (options) => {
    if (previous) releaseRoomE2EE(previous);
    let room!: R;
    const listeners = listenersAddedBy(provider, () => {
      room = createRoom({ ...options, e2ee });
    });
    if (provider) added.set(room, { provider, listeners });
    previous = room;
    return room;
  };
}

/** Takes this Room's listeners off the key provider and marks it let go (its E2EE events are ignored). Idempotent. */
export function releaseRoomE2EE(room: object): void {
  if (released.has(room)) return;
  released.add(room);
  const entry = added.get(room);
  if (!entry) return;
  added.delete(room);
  for (const [event, listener] of entry.listeners) entry.provider.off(event, listener);
}

export const isRoomReleased = (room: object): boolean => released.has(room);
