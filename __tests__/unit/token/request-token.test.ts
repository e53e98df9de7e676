import { TokenSource } from 'livekit-client';
import { requestToken } from '../../../src/token/request-token';
import { lifetimeFromClaims, MIN_ASSUMED_LIFETIME_MS } from '../../../src/token/token-clock';
import { callClockNow, markClocks, noteSleepSince } from '../../../src/clock/call-clock';
import { makeTestToken } from '../../../src/testing';

const answer = () => ({ serverUrl: 'wss://livekit.test', participantToken: makeTestToken({ identity: 'ann' }) });
const OPTIONS = { roomName: 'r', participantIdentity: 'ann' };

describe('requestToken: an abandoned request never holds up the next (installed livekit-client)', () => {
  it('TokenSource.custom: while one request hangs behind the mutex, the next goes around it', async () => {
    let calls = 0;
    const source = TokenSource.custom(() => (++calls === 1 ? new Promise(() => undefined) : answer()));
    const first = new AbortController();
    void requestToken(source, OPTIONS, false, first.signal);
    await new Promise((resolve) => setTimeout(resolve, 0)); // the first is now inside the source, holding its mutex
    first.abort();
    const second = await requestToken(source, OPTIONS, false, new AbortController().signal);
    expect(second.participantToken).toBe(answer().participantToken);
    expect(calls).toBe(2);
    // the plain fetch() of the same source is still stuck behind its own mutex
    const stuck = await Promise.race([source.fetch(OPTIONS, true).then(() => 'answered'), new Promise((r) => setTimeout(() => r('blocked'), 50))]);
    expect(stuck).toBe('blocked');
  });

  it('TokenSource.endpoint: an abandoned request is really aborted; a forced one goes around the mutex', async () => {
    const seen: AbortSignal[] = [];
    const fetchMock = jest.spyOn(globalThis, 'fetch').mockImplementation((_url, init) => {
      const signal = init!.signal!;
      seen.push(signal);
      if (seen.length === 1) {
        return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      }
      return Promise.resolve(new Response(JSON.stringify({ server_url: 'wss://livekit.test', participant_token: answer().participantToken }), { status: 200 }));
    });
    const source = TokenSource.endpoint('http://127.0.0.1:9/token', { headers: { 'X-App': 'a' } });
    const first = new AbortController();
    const hung = requestToken(source, OPTIONS, true, first.signal);
    first.abort();
    await expect(hung).rejects.toMatchObject({ name: 'AbortError' });
    const second = await requestToken(source, OPTIONS, true, new AbortController().signal);
    expect(second.participantToken).toBe(answer().participantToken);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect((fetchMock.mock.calls[1]![1]!.headers as Record<string, string>)['X-App']).toBe('a');
  });

  it('a plain { fetch } source is simply called', async () => {
    const source = { fetch: jest.fn(async () => answer()) };
    await requestToken(source, OPTIONS, true, new AbortController().signal);
    expect(source.fetch).toHaveBeenCalledWith(OPTIONS, true);
  });
});

describe('token lifetime and the call clock', () => {
  it('lifetime comes from the claims, whatever the browser clock says', () => {
    expect(lifetimeFromClaims(1_600_000, 1_000_000, 99_999_999)).toBe(600_000);
    expect(lifetimeFromClaims(1_600_000, null, 1_000_000)).toBe(600_000);
    expect(lifetimeFromClaims(1_600_000, null, 2_000_000)).toBe(MIN_ASSUMED_LIFETIME_MS);
  });

  it('sleep (wall time passing without steady time) is added; a clock stepped back is ignored', () => {
    jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
    try {
      const mark = markClocks();
      const before = callClockNow();
      jest.setSystemTime(Date.now() - 30 * 60_000);
      expect(noteSleepSince(mark, 10_000)).toBe(0);
      expect(callClockNow()).toBe(before);
      const again = markClocks();
      jest.setSystemTime(Date.now() + 20 * 60_000);
      expect(noteSleepSince(again, 10_000)).toBe(20 * 60_000);
      expect(callClockNow() - before).toBe(20 * 60_000);
    } finally {
      jest.useRealTimers();
    }
  });
});
