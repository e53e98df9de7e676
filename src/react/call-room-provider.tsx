import type { ReactNode } from 'react';
import { RoomContext } from '@livekit/components-react';
import { useControllerRoom, type CallRoomSource } from './controller-room';

export interface CallRoomProviderProps {
  /** The object returned by `createCallController`. */
  controller: CallRoomSource;
  children?: ReactNode;
}

/**
 * Gives components-react's `RoomContext` the Room the controller uses now, and the next one after
 * a forced reconnect. Only the context value changes: the subtree is not keyed by the Room, so
 * the app's own components keep their state while LiveKit's hooks re-subscribe to the new Room.
 *
 * Before `join`, and after `leave` or `failed`, there is no Room: children still render, with
 * `RoomContext` set to `undefined` (so `useRoomContext()` throws there; see `useCallRoom()`).
 */
export function CallRoomProvider({ controller, children }: CallRoomProviderProps) {
  const room = useControllerRoom(controller);
  return <RoomContext.Provider value={room}>{children}</RoomContext.Provider>;
}
