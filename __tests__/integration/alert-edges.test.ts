import { LoggerNames, getLogger, setLogExtension, type LogLevel } from 'livekit-client';
import { callActions, installCallErrorFilter, routeLiveKitLogs, type CallAlert } from '../../src';
import { resetExpectedNoise } from '../../src/errors/expected-noise';
import { advance, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

describe('one denied camera is one alert', () => {
  it('MediaDevicesError then the same error rethrown (as livekit-client does) → one alert', async () => {
    const t = await createJoinedStore();
    const denied = new DOMException('Permission denied', 'NotAllowedError');
    t.rooms.last().localParticipant.scriptToggle('camera', { error: denied, mediaDevicesError: true });
    t.store.dispatch(callActions.toggleCamera());
    await advance(20_000); // past the folder's window: a folded repeat would show up here
    expect(t.alerts).toEqual([expect.objectContaining({ kind: 'device', count: 1 })]);
    expect(t.call().media.camera).toMatchObject({ desired: false, enabled: false });
  });

  it('two denials (two error objects) are still two reports, folded', async () => {
    const t = await createJoinedStore();
    const participant = t.rooms.last().localParticipant;
    participant.scriptToggle('camera', { error: new DOMException('Permission denied', 'NotAllowedError'), mediaDevicesError: true });
    participant.scriptToggle('camera', { error: new DOMException('Permission denied', 'NotAllowedError'), mediaDevicesError: true });
    t.store.dispatch(callActions.toggleCamera());
    await advance(1_000);
    t.store.dispatch(callActions.toggleCamera());
    await advance(20_000);
    expect(t.alerts.map((a) => a.count)).toEqual([1, 1]);
  });
});

describe("routeLiveKitLogs keeps the app's own log extension", () => {
  it('an extension installed before routing hears every line while routed, and is back as it was after', () => {
    const breadcrumbs: [LogLevel, string][] = [];
    const spies = (['debug', 'info', 'warn', 'error', 'log', 'trace'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => undefined));
    const room = getLogger(LoggerNames.Room);
    const saved = (room as unknown as { methodFactory: unknown }).methodFactory;
    setLogExtension((level, msg) => breadcrumbs.push([level, msg]), room);
    try {
      room.warn('before');
      const routed: string[] = [];
      const undo = routeLiveKitLogs({ debug() {}, info() {}, warn: (m: unknown) => void routed.push(String(m)), error: (m: unknown) => void routed.push(String(m)) });
      room.warn('while routed');
      expect(routed).toEqual(['[livekit] while routed']);
      for (const spy of spies) spy.mockClear();
      room.error('still quiet');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      undo();
      room.warn('after');
      expect(breadcrumbs.map(([, m]) => m)).toEqual(['before', 'while routed', 'still quiet', 'after']);
      expect(spies.some((spy) => spy.mock.calls.length > 0)).toBe(true); // the console writer is back too
    } finally {
      (room as unknown as { methodFactory: unknown }).methodFactory = saved;
      room.setLevel(room.getLevel(), false);
    }
  });
});

describe('the cancelled pattern is anchored to the texts a closing Room produces', () => {
  it("an app's own 'upload aborted' right after a Room closed is not hidden", async () => {
    const t = await createJoinedStore();
    const alerts: CallAlert[] = [];
    const target = new EventTarget();
    const remove = installCallErrorFilter({ onAlert: (a) => alerts.push(a), target });
    try {
      t.store.dispatch(callActions.leave()); // announces `cancelled` noise for 5 s
      await settle();
      const ours = Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason: new Error('Connection aborted') });
      const theirs = Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason: new Error('upload aborted') });
      target.dispatchEvent(ours);
      target.dispatchEvent(theirs);
      expect(ours.defaultPrevented).toBe(true);
      expect(theirs.defaultPrevented).toBe(false);
      expect(alerts).toEqual([expect.objectContaining({ kind: 'unknown', message: 'upload aborted' })]);
    } finally {
      remove();
      resetExpectedNoise();
    }
  });
});
