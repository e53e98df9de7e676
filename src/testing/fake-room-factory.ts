import type { RoomOptions } from 'livekit-client';
import type { FakeDeviceList } from './fake-devices';
import type { FakeMediaWorld } from './fake-media';
import { FakeRoom, type FakeConnectStep } from './fake-room';
import { FakeE2EERoom } from './fake-e2ee';

export interface FakeRoomFactory {
  /** Pass as `createCallController({ createRoom })`. */
  createRoom: (options: RoomOptions) => FakeRoom;
  /** Every Room built so far, oldest first. */
  readonly rooms: FakeRoom[];
  /** The newest Room (throws if none was built). */
  last(): FakeRoom;
  /** The next connects (of any Room) follow these steps in order, then succeed. */
  scriptConnect(...steps: FakeConnectStep[]): void;
  /** Rooms not disconnected by the controller, and listeners still attached to replaced Rooms. */
  leaks(): { liveRooms: number; strayListeners: number };
}

/** `media`: remote cameras and our camera given to every Room built (see FakeMediaWorld); `devices`: the "browser's" devices. */
export function createFakeRoomFactory({ media, devices }: { media?: FakeMediaWorld; devices?: FakeDeviceList } = {}): FakeRoomFactory {
  const rooms: FakeRoom[] = [];
  const steps: FakeConnectStep[] = [];
  const nextStep = () => steps.shift() ?? {};
  return {
    rooms,
    createRoom(options) {
      const room = options.e2ee ? new FakeE2EERoom(options, nextStep) : new FakeRoom(options, nextStep);
      media?.attach(room);
      room.devices = devices;
      rooms.push(room);
      return room;
    },
    last() {
      const room = rooms[rooms.length - 1];
      if (!room) throw new Error('no Room was created yet');
      return room;
    },
    scriptConnect(...next) {
      steps.push(...next);
    },
    leaks() {
      const replaced = rooms.slice(0, -1);
      return {
        liveRooms: rooms.filter((r) => r.state !== 'disconnected').length,
        strayListeners: replaced.reduce((sum, r) => sum + r.listenerCount() + r.engine.listenerCount(), 0),
      };
    },
  };
}
