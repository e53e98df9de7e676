import { ConnectionQuality, RoomEvent } from 'livekit-client';
import { createRoomHolder } from '../../../src/connection/room-holder';
import { qualityChannel, type QualitySignal } from '../../../src/quality/quality-channel';
import { createFakeRoomFactory } from '../../../src/testing';

function drain(channel: ReturnType<typeof qualityChannel>): QualitySignal[] {
  const out: QualitySignal[] = [];
  channel.flush((items) => {
    if (Array.isArray(items)) out.push(...items);
  });
  return out;
}

describe('qualityChannel', () => {
  it('follows the Room in use: only our transitions, a `room` signal on change, no listener left behind', () => {
    const rooms = createRoomHolder();
    const factory = createFakeRoomFactory();
    const first = factory.createRoom({});
    rooms.set(first);
    const channel = qualityChannel(rooms);
    first.simulateConnectionQuality(ConnectionQuality.Good);
    first.simulateConnectionQuality(ConnectionQuality.Excellent);
    first.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Poor, { identity: 'bob' });
    first.simulateConnectionQuality(ConnectionQuality.Lost);
    expect(drain(channel).map((s) => (s.type === 'level' ? s.level : s.type))).toEqual(['good', 'lost']);

    const second = factory.createRoom({});
    rooms.set(second);
    expect(first.listenerCount(RoomEvent.ConnectionQualityChanged)).toBe(0);
    first.simulateConnectionQuality(ConnectionQuality.Poor);
    second.simulateConnectionQuality(ConnectionQuality.Good); // a fresh Room: its first healthy report counts
    expect(drain(channel).map((s) => (s.type === 'level' ? s.level : s.type))).toEqual(['room', 'good']);

    channel.close();
    expect(second.listenerCount(RoomEvent.ConnectionQualityChanged)).toBe(0);
    rooms.set(undefined);
  });
});
