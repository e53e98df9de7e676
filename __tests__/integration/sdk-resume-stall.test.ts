import { readFileSync } from 'node:fs';
import { LoggerNames, getLogger } from 'livekit-client';
import { callActions } from '../../src';
import { SDK_RESUME_ATTEMPT_LINE, SDK_SIGNAL_CONNECTING_LINE } from '../../src/connection/sdk-attempt-tap';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

// The lines exactly as livekit-client's RTCEngine and SignalClient log them, through its real loggers.
const attemptBegins = (n: number, room = 'r', participant = 'ann') => getLogger(LoggerNames.Engine).info(`resuming signal connection, attempt ${n}`, { room, participant });
const socketOpens = (room = 'r', participant = 'ann') => getLogger(LoggerNames.Signal).info('signal connecting to ws://127.0.0.1:7880/rtc/v1?access_token=<redacted>', { room, participant });

async function joined() {
  const t = createCallStore({ sdkReconnectTimeoutMs: 30_000 });
  t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
  await settle();
  return t;
}

describe('an SDK resume stuck before it opens its WebSocket', () => {
  let consoleSpies: jest.SpyInstance[];
  beforeEach(() => {
    consoleSpies = (['warn', 'log', 'info', 'debug', 'error'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => undefined));
  });
  afterEach(() => {
    consoleSpies.forEach((s) => s.mockRestore());
  });

  it('listens for lines the installed livekit-client really logs (an upgrade that rewords them fails here)', () => {
    const bundle = readFileSync(require.resolve('livekit-client'), 'utf8');
    expect(bundle).toContain('resuming signal connection, attempt ');
    expect(bundle).toContain('signal connecting to ');
    expect(SDK_RESUME_ATTEMPT_LINE.test('resuming signal connection, attempt 12')).toBe(true);
    expect(SDK_SIGNAL_CONNECTING_LINE.test('signal connecting to ws://h/rtc/v1?access_token=<redacted>')).toBe(true);
  });

  it('is replaced 0.5 s after the attempt began, not after sdkReconnectTimeoutMs', async () => {
    const t = await joined();
    const room = t.rooms.last();
    room.simulateSignalReconnecting();
    attemptBegins(0);
    socketOpens();
    await advance(400); // attempt 0 failed fast (its socket closed before it opened)
    attemptBegins(1); // …and left the connection lock held: attempt 1 never opens a socket
    await advance(400);
    expect(t.rooms.rooms).toHaveLength(1);
    await advance(200);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().lastReconnectReason).toBe('sdk-resume-stalled');
    expect(room.disconnectCalls).toBe(1);
    expect(t.call().status).toBe('connected');
  });

  it("the next Room does not wait for the stuck Room's disconnect (it has no leave to send)", async () => {
    const t = await joined();
    const room = t.rooms.last();
    room.disconnectDelayMs = 5_000; // queued behind the SDK's stuck attempt
    room.simulateSignalReconnecting();
    attemptBegins(0);
    socketOpens();
    attemptBegins(1);
    await advance(600);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().status).toBe('connected');
    expect(room.disconnectCalls).toBe(1);
  });

  it('a connected Room being replaced is still given its time to send its leave', async () => {
    const t = await joined();
    const room = t.rooms.last();
    room.disconnectDelayMs = 5_000;
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(500);
    expect(t.rooms.rooms).toHaveLength(1);
    await advance(600);
    expect(t.rooms.rooms).toHaveLength(2);
  });

  it('attempts that open their WebSocket keep the SDK in charge until its own budget', async () => {
    const t = await joined();
    t.rooms.last().simulateSignalReconnecting();
    for (let n = 0; n < 20; n++) {
      attemptBegins(n);
      await advance(5);
      socketOpens();
      await advance(1_400);
    }
    expect(t.rooms.rooms).toHaveLength(1);
    await advance(3_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().lastReconnectReason).toBe('sdk-reconnect-timeout');
  });

  it('another Room’s lines, or a resume that came back, are not this call’s stall', async () => {
    const t = await joined();
    const room = t.rooms.last();
    room.simulateSignalReconnecting();
    attemptBegins(0);
    socketOpens(); // heard: from here an attempt of this Room that opens nothing would count
    attemptBegins(1, 'other-room');
    attemptBegins(1, 'r', 'bob');
    await advance(5_000);
    expect(t.rooms.rooms).toHaveLength(1);
    attemptBegins(2);
    room.simulateReconnected();
    await advance(5_000);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.actions.filter((a) => a.type === callActions.reconnectRequested.type)).toEqual([]);
  });

  it('a Room never heard opening a socket (its signal logger quieter than info) is judged by the budget alone', async () => {
    const t = await joined();
    t.rooms.last().simulateSignalReconnecting();
    for (let n = 0; n < 10; n++) {
      attemptBegins(n);
      await advance(2_900);
    }
    expect(t.rooms.rooms).toHaveLength(1);
    await advance(2_000);
    expect(t.call().lastReconnectReason).toBe('sdk-reconnect-timeout');
  });
});
