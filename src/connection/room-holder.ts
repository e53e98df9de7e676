import type { CallRoom } from './room-surface';

/** The Room in use now, outside Redux (a Room is not serializable), with change listeners. */
export interface RoomHolder {
  get(): CallRoom | undefined;
  set(room: CallRoom | undefined): void;
  subscribe(listener: (room: CallRoom | undefined) => void): () => void;
}

export function createRoomHolder(): RoomHolder {
  let current: CallRoom | undefined;
  const listeners = new Set<(room: CallRoom | undefined) => void>();
  return {
    get: () => current,
    set(room) {
      if (room === current) return;
      current = room;
      for (const listener of [...listeners]) listener(room);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
