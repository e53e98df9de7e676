import { AccessToken } from 'livekit-server-sdk';
import { ConnectionError, LogLevel, LoggerNames, NegotiationError, getLogger } from 'livekit-client';
import { liveKitLevelFor, routeLiveKitLogs } from '../../../src';

const CHROMIUM_REMOVE_TRACK = "Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection.";

describe('liveKitLevelFor: livekit-client lines, re-levelled by our policy', () => {
  it.each<[string, LogLevel, unknown, unknown, string]>([
    ['debug stays debug', LogLevel.debug, 'x', undefined, 'debug'],
    ['trace is debug', LogLevel.trace, 'x', undefined, 'debug'],
    ['info stays info', LogLevel.info, 'x', undefined, 'info'],
    ['warn stays warn', LogLevel.warn, 'could not removeTrack', undefined, 'warn'],
    ['republish failure after reconnect → warn', LogLevel.error, 'error trying to re-publish tracks after reconnection', { error: new Error('x') }, 'warn'],
    ['a NegotiationError passed as the message (log.error(err)) → warn', LogLevel.error, new NegotiationError('negotiation timed out'), undefined, 'warn'],
    ['the removeTrack race passed as the message → info', LogLevel.error, new DOMException(CHROMIUM_REMOVE_TRACK, 'InvalidAccessError'), undefined, 'info'],
    ['a failed resume with the 401 text → warn', LogLevel.error, 'invalid token: x, error: token has invalid claims: token is expired', { error: ConnectionError.notAllowed('token is expired', 401) }, 'warn'],
    ['could not reconnect, token might be expired → warn', LogLevel.error, 'could not reconnect, token might be expired', undefined, 'warn'],
    ['websocket error with an Event → warn', LogLevel.error, 'websocket error', { error: { type: 'error' } }, 'warn'],
    ['autoplay blocked in { err } → info', LogLevel.error, 'failed to play processor element', { err: new DOMException("play() failed because the user didn't interact with the document first.", 'NotAllowedError') }, 'info'],
    ['a device failure stays error', LogLevel.error, 'publish failed', { error: new DOMException('Requested device not found', 'NotFoundError') }, 'error'],
    ['an unknown error with the Error as context stays error', LogLevel.error, 'Failed to set sink id on remote audio track', new TypeError('setSinkId is not a function'), 'error'],
    ['an unknown line stays error', LogLevel.error, 'could not find published track', undefined, 'error'],
  ])('%s', (_name, level, msg, context, expected) => {
    expect(liveKitLevelFor(level, msg, context)).toBe(expected);
  });
});

describe('routeLiveKitLogs', () => {
  function capture() {
    const lines: [string, string, unknown[]][] = [];
    const at = (level: string) => (m: unknown, ...rest: unknown[]) => lines.push([level, String(m), rest]);
    return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
  }

  it('sends livekit-client’s own lines to our logger, redacted and re-levelled, and not to the console', async () => {
    const jwt = await new AccessToken('devkey', 'secret', { identity: 'a', ttl: 60 }).toJwt();
    const { lines, logger } = capture();
    const spies = (['debug', 'info', 'warn', 'error', 'log', 'trace'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => undefined));
    const restore = routeLiveKitLogs(logger);
    try {
      const engine = getLogger(LoggerNames.Engine);
      engine.error('error trying to re-publish tracks after reconnection', { error: new Error('x') });
      engine.error('something truly broken');
      engine.error(`invalid token: ${jwt}, error: token has invalid claims: token is expired`, { error: ConnectionError.notAllowed(`invalid token: ${jwt}, error: token has invalid claims: token is expired`, 401) });
      getLogger(LoggerNames.Signal).info('reconnecting', { url: `wss://h/rtc?access_token=${jwt}` });
      expect(lines.map(([level, text]) => [level, text])).toEqual([
        ['warn', '[livekit] error trying to re-publish tracks after reconnection'],
        ['error', '[livekit] something truly broken'],
        ['warn', '[livekit] invalid token: [redacted-token], error: token has invalid claims: token is expired'],
        ['info', '[livekit] reconnecting'],
      ]);
      expect(JSON.stringify(lines)).not.toContain(jwt.split('.')[2]);
      expect(lines[3]![2]).toEqual([{ url: 'wss://h/rtc?access_token=[redacted-token]' }]);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      restore();
    }
    getLogger(LoggerNames.Engine).error('back on the console');
    expect(spies.some((spy) => spy.mock.calls.length > 0)).toBe(true);
    expect(lines).toHaveLength(4);
  });

  it('a second call swaps the target instead of routing twice', () => {
    const first = capture();
    const second = capture();
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const restore = routeLiveKitLogs(first.logger);
    const again = routeLiveKitLogs(second.logger);
    try {
      expect(again).toBe(restore);
      getLogger(LoggerNames.Room).error('once');
      expect(first.lines).toHaveLength(0);
      expect(second.lines.map(([, text]) => text)).toEqual(['[livekit] once']);
    } finally {
      restore();
    }
    restore(); // idempotent
    getLogger(LoggerNames.Room).error('after');
    expect(second.lines).toHaveLength(1);
  });
});
