import { LogLevel, getLogger, LoggerNames } from 'livekit-client';
import { liveKitLevelFor, routeLiveKitLogs } from '../../../src';

describe('liveKitLevelFor', () => {
  it.each([
    [LogLevel.debug, 'x', undefined, 'debug'],
    [LogLevel.info, 'x', undefined, 'info'],
    [LogLevel.warn, 'x', undefined, 'warn'],
    [LogLevel.error, 'error trying to re-publish tracks after reconnection', undefined, 'warn'],
    [LogLevel.error, 'could not reconnect, token might be expired', undefined, 'warn'],
    [LogLevel.error, 'publish failed', { error: new DOMException('Requested device not found', 'NotFoundError') }, 'error'],
    [LogLevel.error, 'unexpected thing happened', undefined, 'error'],
  ])('%s %s → %s', (level, msg, context, expected) => {
    expect(liveKitLevelFor(level as LogLevel, msg, context)).toBe(expected);
  });
});

describe('routeLiveKitLogs', () => {
  it('sends livekit-client’s own lines to our logger (redacted, re-levelled) and not to the console', () => {
    const lines: [string, string][] = [];
    const logger = {
      debug: (m: unknown) => lines.push(['debug', String(m)]),
      info: (m: unknown) => lines.push(['info', String(m)]),
      warn: (m: unknown) => lines.push(['warn', String(m)]),
      error: (m: unknown) => lines.push(['error', String(m)]),
    };
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const restore = routeLiveKitLogs(logger);
    const lk = getLogger(LoggerNames.Engine);
    lk.error('error trying to re-publish tracks after reconnection');
    lk.error('something truly broken');
    lk.warn('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl');
    expect(lines).toEqual([
      ['warn', '[livekit] error trying to re-publish tracks after reconnection'],
      ['error', '[livekit] something truly broken'],
      ['warn', '[livekit] token [redacted-token]'],
    ]);
    expect(consoleError).not.toHaveBeenCalled();
    restore();
    lk.error('back on the console');
    expect(consoleError).toHaveBeenCalled();
    consoleWarn.mockRestore();
    consoleError.mockRestore();
  });
});
