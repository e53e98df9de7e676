import { originalDisconnect, originalToggle, routeRoom, type RoutedHandlers } from '../../../src/controls/routed-room';
import { rememberToggleArgs, toggleArgsFor } from '../../../src/controls/toggle-args';
import type { CallRoom } from '../../../src/connection/room-surface';

class Participant {
  identity = 'ann';
  isCameraEnabled = false;
  isMicrophoneEnabled = false;
  isScreenShareEnabled = false;
  readonly own: unknown[][] = [];
  async setCameraEnabled(...args: unknown[]) {
    this.own.push(['camera', ...args]);
  }
  async setMicrophoneEnabled(...args: unknown[]) {
    this.own.push(['microphone', ...args]);
  }
  async setScreenShareEnabled(...args: unknown[]) {
    this.own.push(['screenShare', ...args]);
  }
}

/** Like livekit-client's Room: `disconnect` is an own (arrow-function) property. */
function makeRoom() {
  const participant = new Participant();
  const disconnects: unknown[] = [];
  const room = { name: 'r', state: 'connected', on() {}, off() {}, connect: async () => undefined, localParticipant: participant, disconnect: async (stop?: boolean) => void disconnects.push(stop) };
  return { room: room as unknown as CallRoom, participant, disconnects, ownDisconnect: room.disconnect };
}

function handlers() {
  const toggles: unknown[][] = [];
  let leaves = 0;
  const h: RoutedHandlers = {
    toggle: async (source, enabled, args) => void toggles.push([source, enabled, ...args]),
    leave: () => void (leaves += 1),
  };
  return { h, toggles, leaves: () => leaves };
}

describe('routeRoom', () => {
  it('sends set*Enabled (with their options) and disconnect to the controller; its own calls reach the Room', async () => {
    const { room, participant, disconnects } = makeRoom();
    const { h, toggles, leaves } = handlers();
    const undo = routeRoom(room, h);
    await room.localParticipant.setCameraEnabled(true);
    await (room.localParticipant.setScreenShareEnabled as (...a: unknown[]) => Promise<unknown>)(1, { audio: true });
    expect(toggles).toEqual([['camera', true], ['screenShare', true, { audio: true }]]);
    expect(participant.own).toEqual([]);

    await originalToggle(room.localParticipant, 'microphone')(true, { deviceId: 'm' });
    expect(participant.own).toEqual([['microphone', true, { deviceId: 'm' }]]);

    await room.disconnect(false);
    expect(leaves()).toBe(1);
    expect(disconnects).toEqual([false]); // the caller's promise settles with the Room's own disconnect
    await originalDisconnect(room)(true);
    expect(leaves()).toBe(1);
    expect(disconnects).toEqual([false, true]);
    undo();
  });

  it('puts back exactly what was there: prototype methods and own properties', async () => {
    const { room, participant, ownDisconnect } = makeRoom();
    const undo = routeRoom(room, handlers().h);
    expect(Object.prototype.hasOwnProperty.call(participant, 'setCameraEnabled')).toBe(true);
    undo();
    expect(Object.prototype.hasOwnProperty.call(participant, 'setCameraEnabled')).toBe(false);
    expect(room.disconnect).toBe(ownDisconnect);
    // Not routed any more: "original" is simply the method there.
    await originalToggle(room.localParticipant, 'camera')(true);
    expect(participant.own).toEqual([['camera', true]]);
  });
});

describe('toggle args', () => {
  it('keeps the last options per owner and source, without trailing undefineds', () => {
    const owner = {};
    expect(toggleArgsFor(owner, 'camera')).toEqual([]);
    rememberToggleArgs(owner, 'screenShare', [{ audio: true }, undefined]);
    rememberToggleArgs(owner, 'camera', [undefined, undefined]);
    expect(toggleArgsFor(owner, 'screenShare')).toEqual([{ audio: true }]);
    expect(toggleArgsFor(owner, 'camera')).toEqual([]);
    expect(toggleArgsFor({}, 'screenShare')).toEqual([]);
  });
});
