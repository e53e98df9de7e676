import { CryptorError, CryptorErrorReason, DeviceUnsupportedError, ExternalE2EEKeyProvider, type E2EEOptions, type RoomOptions } from 'livekit-client';
import { callActions, E2EE_CONFIRM_TIMEOUT_MS, selectE2EEStatus, selectUndecryptableParticipants } from '../../src';
import { asE2EERoom, createFakeRoomFactory, type FakeE2EERoom, type FakeRoom } from '../../src/testing';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const KEY = 'SECRET-KEY-BYTES';

async function e2eeOptions(): Promise<E2EEOptions> {
  const keyProvider = new ExternalE2EEKeyProvider();
  await keyProvider.setKey(KEY); // PBKDF2 in Node's WebCrypto: the provider holds a CryptoKey, never the string
  const worker = { postMessage: () => undefined, onmessage: null, onerror: null } as unknown as Worker;
  return { keyProvider, worker };
}

/** A whole store with `e2ee`; `tune` sees each Room before the controller uses it (scripts, worker timing). */
async function e2eeStore(tune: (room: FakeE2EERoom, index: number) => void = () => undefined, extra: Parameters<typeof createCallStore>[0] = {}) {
  const e2ee = await e2eeOptions();
  const factory = createFakeRoomFactory();
  const createRoom = (options: RoomOptions) => {
    const room = factory.createRoom(options);
    tune(asE2EERoom(room), factory.rooms.length - 1);
    return room;
  };
  const t = createCallStore({ e2ee, createRoom, ...extra });
  const join = async (media = { camera: true, microphone: true }) => {
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann', ...media }));
    await advance(2_000);
  };
  return { ...t, e2ee, factory, join, room: (i = -1) => asE2EERoom(factory.rooms.at(i) as FakeRoom) };
}

/** Per Room: E2EE asked for before connect, and nothing toggled on or published before the worker confirmed it. */
function expectEncryptedBeforeAnyPublish(room: FakeE2EERoom) {
  const order = room.order;
  expect(order[0]).toMatchObject({ what: 'setE2EEEnabled', enabled: true, state: 'disconnected' });
  const confirmed = order.findIndex((e) => e.what === 'worker' && e.enabled);
  const firstOut = order.findIndex((e) => (e.what === 'toggle' && e.enabled) || e.what === 'published');
  expect(confirmed).toBeGreaterThan(0);
  expect(firstOut).toBeGreaterThan(confirmed);
  expect(order.filter((e) => e.what === 'published').every((e) => e.encrypted)).toBe(true);
}

const published = (room: FakeE2EERoom) => room.order.filter((e) => e.what === 'published').map((e) => e.source);

describe('every Room encrypts before it publishes', () => {
  it('join, forceReconnect and a token-expiry reconnect: setE2EEEnabled first, every publish after the worker confirmed', async () => {
    const t = await e2eeStore((room) => (room.workerAnswerMs = 300)); // a worker slower than the connect
    await t.join();
    expect(t.call().status).toBe('connected');
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(20_000);
    t.room().simulateSdkGiveUp(); // a resume that hit 401: a new Room on a fresh token
    await advance(20_000);
    expect(t.factory.rooms).toHaveLength(3);
    expect(t.call().status).toBe('connected');
    for (const room of t.factory.rooms.map((r) => asE2EERoom(r))) {
      expect(room.options.e2ee).toBe(t.e2ee); // the same provider and worker for every Room
      expectEncryptedBeforeAnyPublish(room);
      expect(published(room)).toEqual(expect.arrayContaining(['camera', 'microphone']));
    }
    expect(t.factory.leaks()).toEqual({ liveRooms: 1, strayListeners: 0 }); // nothing of ours stays on a replaced Room
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    expect(t.factory.leaks()).toEqual({ liveRooms: 0, strayListeners: 0 });
    expect(t.room().listenerCount()).toBe(0);
  });

  it('the call says connected only once the worker confirmed our encryption', async () => {
    const t = await e2eeStore((room) => (room.workerAnswerMs = 1_500));
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann', camera: true }));
    await advance(1_000);
    expect(t.room().state).toBe('connected'); // the Room is up, its encryption not yet
    expect(t.call().status).toBe('connecting');
    expect(published(t.room())).toEqual([]);
    await advance(1_000);
    expect(t.call().status).toBe('connected');
    expect(t.call().e2ee.encrypted).toBe(true);
    expectEncryptedBeforeAnyPublish(t.room());
  });
});

describe('fail closed', () => {
  const expectFailedClosed = (t: Awaited<ReturnType<typeof e2eeStore>>, code: string) => {
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ code });
    expect(t.alerts).toHaveLength(1);
    expect(t.factory.rooms.every((r) => published(asE2EERoom(r)).length === 0)).toBe(true);
    expect(t.factory.leaks().liveRooms).toBe(0);
    expect(t.call().e2ee.encrypted).toBe(false);
  };

  it('setE2EEEnabled rejects: failed / e2ee-failed, no connect, nothing published, one alert, no retry', async () => {
    const t = await e2eeStore((room) => room.scriptE2EE({ error: new Error(`could not derive from ${KEY}`) }));
    await t.join();
    await advance(120_000);
    expectFailedClosed(t, 'e2ee-failed');
    expect(t.call().lastError).toMatchObject({ kind: 'unknown', message: 'end-to-end encryption could not be turned on: setE2EEEnabled(true) failed: Error' });
    expect(t.factory.rooms).toHaveLength(1);
    expect(t.room().connectCalls).toHaveLength(0);
  });

  it('the worker never answers: e2ee-failed after E2EE_CONFIRM_TIMEOUT_MS, nothing published', async () => {
    const t = await e2eeStore((room) => (room.workerAnswerMs = null));
    await t.join();
    expect(t.call().status).toBe('connecting');
    await advance(E2EE_CONFIRM_TIMEOUT_MS);
    expectFailedClosed(t, 'e2ee-failed');
    expect(t.call().lastError!.message).toMatch(/did not confirm within 10000 ms/);
  });

  it('the worker fails while the Room connects (EncryptionError without a participant): e2ee-failed', async () => {
    const t = await e2eeStore((room) => (room.workerAnswerMs = null));
    t.factory.scriptConnect({ delayMs: 500 });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann', camera: true }));
    await advance(100);
    t.room().simulateEncryptionError(new Error(`InternalError: worker could not load ${KEY}`));
    await advance(1_000);
    expectFailedClosed(t, 'e2ee-failed');
    expect(t.call().lastError!.message).toMatch(/worker reported Error \(InternalError\)/);
  });

  it('a browser without encoded transforms (new Room({ e2ee }) throws DeviceUnsupportedError): e2ee-unsupported', async () => {
    const t = createCallStore({
      e2ee: await e2eeOptions(),
      createRoom: () => {
        throw new DeviceUnsupportedError('tried to setup end-to-end encryption on an unsupported browser');
      },
    });
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann', camera: true }));
    await advance(60_000);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ kind: 'device', code: 'e2ee-unsupported' });
    expect(t.alerts).toHaveLength(1);
    expect(selectE2EEStatus(t.store.getState())).toEqual({ configured: true, encrypted: false });
  });

  it('without e2ee the same throw stays room-create-failed', async () => {
    const t = createCallStore({
      createRoom: () => {
        throw new DeviceUnsupportedError('unsupported');
      },
    });
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await settle();
    expect(t.call().lastError).toMatchObject({ code: 'room-create-failed' });
  });

  it.each([
    ['a cryptor error for our own tracks', (room: FakeE2EERoom) => room.simulateEncryptionError(new CryptorError(`encryption key missing ${KEY}`, CryptorErrorReason.MissingKey, 'ann'), 'local'), /MissingKey/],
    ['the worker failing (no participant)', (room: FakeE2EERoom) => room.simulateEncryptionError(new Error(KEY)), /worker reported Error/],
    ['our encryption turned off', (room: FakeE2EERoom) => room.simulateEncryptionStatus(false, 'local'), /turned off/],
  ])('%s on a live Room: failed / e2ee-failed, one alert, the Room closed, no reconnect', async (_name, cue, message) => {
    const t = await e2eeStore();
    await t.join();
    const room = t.room();
    expect(published(room).length).toBeGreaterThan(0);
    cue(room);
    await advance(60_000);
    expect(t.call().status).toBe('failed');
    expect(t.call().lastError).toMatchObject({ kind: 'unknown', code: 'e2ee-failed', message: expect.stringMatching(message) });
    expect(t.alerts).toHaveLength(1);
    expect(room.state).toBe('disconnected');
    expect(t.factory.rooms).toHaveLength(1);
    expect(t.count(callActions.e2eeBreached.type)).toBe(1);
    expect(t.call().e2ee.encrypted).toBe(false);
    // The session is over, not stuck: the next join builds a new, encrypted Room.
    await t.join();
    expect(t.call().status).toBe('connected');
    expectEncryptedBeforeAnyPublish(t.room());
  });

  it('errors of a Room the controller is letting go (replacement under way) do not fail the call', async () => {
    const t = await e2eeStore((room) => (room.disconnectDelayMs = 600));
    await t.join();
    const old = t.room();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await settle();
    expect(t.actionTypes()).toContain(callActions.roomReplacing.type);
    old.simulateEncryptionError(new Error('InternalError: transform ended'), 'local');
    await advance(20_000);
    expect(t.call().status).toBe('connected');
    expect(t.factory.rooms).toHaveLength(2);
    expect(t.alerts).toHaveLength(0);
  });
});

describe('state.call.e2ee', () => {
  it('configured from the start; encrypted per Room; undecryptable remote identities, transitions only', async () => {
    const t = await e2eeStore((room) => (room.workerAnswerMs = 300));
    expect(t.call().e2ee).toEqual({ configured: true, encrypted: false, undecryptable: [] });
    await t.join();
    expect(selectE2EEStatus(t.store.getState())).toEqual({ configured: true, encrypted: true });
    const status = selectE2EEStatus(t.store.getState());
    t.store.dispatch(callActions.toggleCamera(false));
    await advance(2_000);
    expect(selectE2EEStatus(t.store.getState())).toBe(status); // memoized: no re-render for unrelated state

    const room = t.room();
    room.simulateEncryptionError(new Error('DecryptionFailure'), 'bob');
    room.simulateEncryptionError(new Error('DecryptionFailure'), 'bob');
    room.simulateEncryptionStatus(false, 'cat'); // publishes without encryption
    await settle();
    expect(selectUndecryptableParticipants(t.store.getState())).toEqual(['bob', 'cat']);
    expect(t.count(callActions.e2eeParticipantUndecryptable.type)).toBe(2);
    room.simulateEncryptionStatus(true, 'bob');
    room.simulateParticipantLeft('cat');
    room.simulateEncryptionStatus(true, 'local'); // the worker repeats itself: no action
    await settle();
    expect(t.call().e2ee.undecryptable).toEqual([]);
    expect(t.count(callActions.e2eeEncryptionChanged.type)).toBe(1);

    room.simulateEncryptionError(new Error('DecryptionFailure'), 'bob');
    await settle();
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await settle();
    expect(t.call().e2ee).toMatchObject({ encrypted: false }); // the Room is being let go
    await advance(20_000);
    expect(t.call().e2ee).toEqual({ configured: true, encrypted: true, undecryptable: [] }); // a new Room starts clean
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    expect(t.call().e2ee).toEqual({ configured: true, encrypted: false, undecryptable: [] });
    const types = t.actionTypes();
    expect(types.indexOf(callActions.e2eeEncryptionChanged.type)).toBeLessThan(types.indexOf(callActions.connected.type));
  });

  it('without e2ee: no E2EE action, no e2ee in RoomOptions, configured false', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.join({ roomName: 'r', camera: true }));
    await advance(2_000);
    expect(t.call().status).toBe('connected');
    expect(t.actionTypes().filter((type) => type.startsWith('call/e2ee'))).toEqual([]);
    expect(t.rooms.last().options.e2ee).toBeUndefined();
    expect(t.call().e2ee).toEqual({ configured: false, encrypted: false, undecryptable: [] });
  });
});

it('no key bytes in actions, state, logs, alerts or diagnostics through failures and reconnects', async () => {
  const t = await e2eeStore((room, index) => {
    if (index === 2) room.scriptE2EE({ error: new Error(`key ${KEY} rejected`) });
  });
  await t.join();
  t.room().simulateEncryptionError(new Error(`InvalidKey: ${KEY}`), 'bob');
  t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
  await advance(20_000);
  t.room().simulateEncryptionError(new CryptorError(KEY, CryptorErrorReason.InvalidKey, 'ann'), 'local');
  await advance(5_000);
  await t.join(); // third Room: setE2EEEnabled rejects with the key in its message
  await advance(5_000);
  expect(t.count(callActions.failed.type)).toBe(2);
  const haystacks = [t.actions, t.store.getState(), t.logger.lines, t.alerts, t.controller.exportDiagnostics()].map((x) => JSON.stringify(x));
  for (const text of haystacks) expect(text).not.toContain(KEY);
  expect(t.controller.exportDiagnostics().options.e2ee).toBe('[configured]');
});
