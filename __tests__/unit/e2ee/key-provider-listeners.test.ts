import { ExternalE2EEKeyProvider, KeyProviderEvent, LogLevel, Room, RoomEvent, setLogLevel, type RoomOptions } from 'livekit-client';
import { isRoomReleased, releaseRoomE2EE, withE2EE } from '../../../src/e2ee/e2ee-room';

/**
 * Real livekit-client Rooms (never connected): `new Room({ e2ee })` builds its E2EEManager, which
 * needs an encoded-transform API; a stand-in for `window.RTCRtpScriptTransform` passes that check.
 */
const g = globalThis as { window?: unknown };
beforeAll(() => {
  setLogLevel(LogLevel.silent);
  g.window = { RTCRtpScriptTransform: class {} };
});
afterAll(() => {
  delete g.window;
});

type PostedMessage = { kind: string; data: Record<string, unknown> };

function setup() {
  const keyProvider = new ExternalE2EEKeyProvider();
  const posted: PostedMessage[] = [];
  const worker = { postMessage: (m: PostedMessage) => posted.push(m), onmessage: null, onerror: null } as unknown as Worker;
  const perRoom = () => keyProvider.listenerCount(KeyProviderEvent.SetKey) + keyProvider.listenerCount(KeyProviderEvent.RatchetRequest);
  const ratchetPosts = () => {
    posted.length = 0;
    keyProvider.ratchetKey();
    return posted.filter((m) => m.kind === 'ratchetRequest').length;
  };
  return { e2ee: { keyProvider, worker }, worker, posted, perRoom, ratchetPosts };
}

const plainRoom = (options: RoomOptions) => new Room(options);

describe('one key provider across Rooms (livekit-client 2.23)', () => {
  it('livekit-client itself leaves two listeners on the provider per Room: one ratchetKey() ratchets once per Room ever built', async () => {
    const { e2ee, perRoom, ratchetPosts } = setup();
    for (let i = 0; i < 3; i++) await new Room({ e2ee }).disconnect();
    expect(perRoom()).toBe(6);
    expect(ratchetPosts()).toBe(3);
  });

  it("a worker's error is cancelled once the controller has it (the browser would report it again as the page's, with its message)", () => {
    const target = new EventTarget();
    const worker = Object.assign(target, { postMessage: () => undefined }) as unknown as Worker;
    const fire = () => {
      const event = new Event('error', { cancelable: true });
      worker.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(fire()).toBe(false);
    withE2EE(plainRoom, { keyProvider: new ExternalE2EEKeyProvider(), worker })({});
    expect(fire()).toBe(true);
  });

  it('withE2EE: each new Room releases the one before, releaseRoomE2EE the last; nothing piles up', async () => {
    const { e2ee, perRoom, ratchetPosts } = setup();
    const createRoom = withE2EE(plainRoom, e2ee);
    const rooms: Room[] = [];
    for (let i = 0; i < 5; i++) {
      const room = createRoom({});
      rooms.push(room);
      expect(room.options.e2ee).toBe(e2ee);
      expect(perRoom()).toBe(2); // only the newest Room's manager
      await room.disconnect();
    }
    expect(ratchetPosts()).toBe(1);
    expect(rooms.slice(0, -1).every((room) => isRoomReleased(room))).toBe(true);
    releaseRoomE2EE(rooms[4]!); // what closeRoom calls
    releaseRoomE2EE(rooms[4]!); // idempotent
    expect(perRoom()).toBe(0);
    expect(e2ee.keyProvider.listenerCount(KeyProviderEvent.KeyRatcheted)).toBe(1); // the provider's own stays
  });

  it("listeners of the app's own are left alone", () => {
    const { e2ee, perRoom } = setup();
    const mine = () => undefined;
    e2ee.keyProvider.on(KeyProviderEvent.SetKey, mine);
    const room = withE2EE(plainRoom, e2ee)({});
    releaseRoomE2EE(room);
    expect(e2ee.keyProvider.listeners(KeyProviderEvent.SetKey)).toEqual([mine]);
    expect(perRoom()).toBe(1);
  });

  it('a Room whose constructor throws leaves nothing on the provider', () => {
    const { e2ee, perRoom } = setup();
    const failing = withE2EE((options: RoomOptions) => {
      new Room(options);
      throw new Error('boom');
    }, e2ee);
    expect(() => failing({})).toThrow('boom');
    expect(perRoom()).toBe(0);
  });
});

describe('what connect-encrypted.ts relies on in livekit-client', () => {
  it('setE2EEEnabled(true) before connect resolves without the worker; isE2EEEnabled turns true only with its answer', async () => {
    const { e2ee, worker } = setup();
    const room = new Room({ e2ee });
    await room.setE2EEEnabled(true);
    expect(room.localParticipant.isE2EEEnabled).toBe(true); // what SignalConnected posts to the worker
    expect(room.isE2EEEnabled).toBe(false);
    const changes: boolean[] = [];
    room.on(RoomEvent.ParticipantEncryptionStatusChanged, (enabled, participant) => participant === room.localParticipant && changes.push(enabled));
    const answer = { kind: 'enable', data: { enabled: true, participantIdentity: room.localParticipant.identity } };
    (worker.onmessage as (ev: { data: unknown }) => void)({ data: answer });
    expect(room.isE2EEEnabled).toBe(true);
    expect(changes).toEqual([true]);
  });
});
