import type { MediaSourceName } from '../call/types';
import type { CallLocalParticipant, CallRoom } from '../connection/room-surface';

/** livekit-client's `set*Enabled(enabled, captureOptions?, publishOptions?)`. */
export type SetEnabled = (enabled: boolean, ...args: unknown[]) => Promise<unknown>;
type Disconnect = (stopTracks?: boolean) => Promise<void>;

/** What a routed call asks of the controller. */
export interface RoutedHandlers {
  /** A toggle by anyone but the controller; the promise is what the caller gets back. */
  toggle(source: MediaSourceName, enabled: boolean, args: unknown[]): Promise<unknown>;
  /** `room.disconnect()` by anyone but the controller (ControlBar's leave, the Room's own pagehide). */
  leave(): void;
}

export const TOGGLE_METHODS: Record<MediaSourceName, 'setCameraEnabled' | 'setMicrophoneEnabled' | 'setScreenShareEnabled'> = {
  camera: 'setCameraEnabled',
  microphone: 'setMicrophoneEnabled',
  screenShare: 'setScreenShareEnabled',
};

const TOGGLES = new WeakMap<object, Record<MediaSourceName, SetEnabled>>();
const DISCONNECTS = new WeakMap<object, Disconnect>();

/** The participant's own method, for the controller's SDK calls (routing them would loop). */
export function originalToggle(participant: CallLocalParticipant, source: MediaSourceName): SetEnabled {
  const own = TOGGLES.get(participant)?.[source];
  if (own) return own;
  const method = participant[TOGGLE_METHODS[source]] as SetEnabled;
  return method.bind(participant);
}

/** The Room's own disconnect, for the controller's (a routed one would end the call). */
export const originalDisconnect = (room: CallRoom): Disconnect => DISCONNECTS.get(room) ?? room.disconnect.bind(room);

type Slots = Record<string, unknown>;

/** Puts `routed` in place of `target[name]`; the returned function puts back exactly what was there. */
function replace(target: Slots, name: string, routed: unknown): () => void {
  const ownProperty = Object.prototype.hasOwnProperty.call(target, name);
  const before = target[name];
  target[name] = routed;
  return () => {
    if (ownProperty) target[name] = before;
    else delete target[name];
  };
}

/**
 * Routes the Room's toggles and disconnect through the controller (components-react calls them
 * on the Room it gets from the context, so this is what makes TrackToggle, ControlBar and
 * VideoConference go through the controller unchanged). Returns the undo.
 */
export function routeRoom(room: CallRoom, handlers: RoutedHandlers): () => void {
  const participant = room.localParticipant;
  const own = {} as Record<MediaSourceName, SetEnabled>;
  const undo: (() => void)[] = [];
  for (const source of Object.keys(TOGGLE_METHODS) as MediaSourceName[]) {
    if (typeof participant[TOGGLE_METHODS[source]] !== 'function') continue; // a partial double: nothing to route
    own[source] = originalToggle(participant, source);
    const routed: SetEnabled = (enabled, ...args) => handlers.toggle(source, Boolean(enabled), args);
    undo.push(replace(participant as unknown as Slots, TOGGLE_METHODS[source], routed));
  }
  TOGGLES.set(participant, own);
  const disconnect = originalDisconnect(room);
  DISCONNECTS.set(room, disconnect);
  const routedDisconnect: Disconnect = (stopTracks) => {
    handlers.leave();
    // The controller's leave has started its own disconnect; this settles with the Room's.
    return disconnect(stopTracks);
  };
  undo.push(replace(room as unknown as Slots, 'disconnect', routedDisconnect));
  return () => {
    for (const put of undo.reverse()) put();
    TOGGLES.delete(participant);
    DISCONNECTS.delete(room);
  };
}
