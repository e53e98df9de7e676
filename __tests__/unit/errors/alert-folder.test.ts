import { createAlertFolder, type CallAlert } from '../../../src';
import { makeTestToken } from '../../../src/testing';

beforeEach(() => jest.useFakeTimers({ now: 5_000 }));
afterEach(() => jest.useRealTimers());

function folder(windowMs = 1_000, now?: () => number) {
  const alerts: CallAlert[] = [];
  const f = createAlertFolder({ onAlert: (a) => alerts.push(a), windowMs, now });
  return { alerts, f };
}

describe('createAlertFolder', () => {
  it('sends the first alert of a kind at once with count 1', () => {
    const { alerts, f } = folder();
    f.report({ kind: 'device', message: 'camera gone', at: 5_000 });
    expect(alerts).toEqual([{ kind: 'device', message: 'camera gone', at: 5_000, count: 1 }]);
  });

  it('folds repeats inside the window into one alert when the window closes; counts add up', () => {
    const { alerts, f } = folder(1_000);
    for (let i = 0; i < 500; i++) f.report({ kind: 'unknown', message: `e${i}`, at: 5_000 + i });
    expect(alerts).toHaveLength(1);
    jest.advanceTimersByTime(999);
    expect(alerts).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(alerts).toEqual([
      { kind: 'unknown', message: 'e0', at: 5_000, count: 1 },
      { kind: 'unknown', message: 'e499', at: 5_499, count: 499 },
    ]);
    expect(alerts.reduce((n, a) => n + a.count, 0)).toBe(500);
  });

  it('a lone alert sends nothing more when its window closes', () => {
    const { alerts, f } = folder(1_000);
    f.report({ kind: 'device', message: 'x', at: 1 });
    jest.advanceTimersByTime(5_000);
    expect(alerts).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('kinds fold separately', () => {
    const { alerts, f } = folder(1_000);
    f.report({ kind: 'device', message: 'a', at: 1 });
    f.report({ kind: 'not-allowed', message: 'b', at: 2 });
    f.report({ kind: 'device', message: 'c', at: 3 });
    jest.advanceTimersByTime(1_000);
    expect(alerts.map((a) => [a.kind, a.count])).toEqual([
      ['device', 1],
      ['not-allowed', 1],
      ['device', 1],
    ]);
  });

  it('a late timer (throttled background tab): the next report after the window closes it first', () => {
    let clock = 5_000;
    const { alerts, f } = folder(1_000, () => clock);
    f.report({ kind: 'unknown', message: 'a', at: clock });
    f.report({ kind: 'unknown', message: 'b', at: clock });
    clock += 1_000; // the window is over, but its timer has not run
    f.report({ kind: 'unknown', message: 'c', at: clock });
    expect(alerts.map((a) => [a.message, a.count])).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    jest.advanceTimersByTime(1_000); // the stale timer runs now: nothing is sent twice
    expect(alerts).toHaveLength(3);
  });

  it('flush sends pending folds at once; dispose drops them', () => {
    const a = folder(1_000);
    a.f.report({ kind: 'device', message: 'x', at: 1 });
    a.f.report({ kind: 'device', message: 'y', at: 2 });
    a.f.flush();
    expect(a.alerts.map((x) => x.count)).toEqual([1, 1]);
    expect(jest.getTimerCount()).toBe(0);

    const b = folder(1_000);
    b.f.report({ kind: 'device', message: 'x', at: 1 });
    b.f.report({ kind: 'device', message: 'y', at: 2 });
    b.f.dispose();
    jest.advanceTimersByTime(1_000);
    expect(b.alerts).toHaveLength(1);
  });

  it('redacts messages, including the folded one', () => {
    const { alerts, f } = folder(1_000);
    const jwt = makeTestToken({ identity: 'ann' });
    f.report({ kind: 'not-allowed', message: `invalid token: ${jwt}`, at: 1 });
    f.report({ kind: 'not-allowed', message: `wss://h/rtc?access_token=${jwt}`, at: 2 });
    f.flush();
    expect(alerts.map((a) => a.message)).toEqual(['invalid token: [redacted-token]', 'wss://h/rtc?access_token=[redacted-token]']);
  });

  it('a reporter that throws does not break the folder', () => {
    let calls = 0;
    const f = createAlertFolder({
      onAlert: () => {
        calls += 1;
        throw new Error('reporter down');
      },
    });
    expect(() => f.report({ kind: 'device', message: 'gone', at: 1 })).not.toThrow();
    expect(() => f.report({ kind: 'unknown', message: 'x', at: 1 })).not.toThrow();
    expect(calls).toBe(2);
    f.dispose();
  });
});
