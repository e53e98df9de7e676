import { AccessToken } from 'livekit-server-sdk';
import { ConnectionError } from 'livekit-client';
import { containsToken, createCallLogger, errorMessage, redactTokens } from '../../../src';

async function realJwt() {
  const at = new AccessToken('devkey', 'secret', { identity: 'ann', ttl: 60 });
  at.addGrant({ room: 'standup', roomJoin: true });
  return at.toJwt();
}

describe('redaction', () => {
  it('removes the whole JWT from the server’s real 401 text', async () => {
    const jwt = await realJwt();
    const text = `invalid token: ${jwt}, error: token has invalid claims: token is expired`;
    expect(containsToken(text)).toBe(true);
    const redacted = redactTokens(text);
    expect(redacted).toBe('invalid token: [redacted-token], error: token has invalid claims: token is expired');
    expect(containsToken(redacted)).toBe(false);
    for (const part of jwt.split('.')) expect(redacted).not.toContain(part);
  });

  it('removes access_token query parameters (the signal URL)', async () => {
    const jwt = await realJwt();
    expect(redactTokens(`wss://h/rtc?access_token=${jwt}&auto_subscribe=1`)).toBe('wss://h/rtc?access_token=[redacted-token]&auto_subscribe=1');
  });

  it('errorMessage redacts the ConnectionError livekit-client builds from the 401', async () => {
    const jwt = await realJwt();
    const message = errorMessage(ConnectionError.notAllowed(`invalid token: ${jwt}, error: go-jose/go-jose/jwt: validation failed, token is expired (exp)`, 401));
    expect(message).not.toContain(jwt);
    expect(message).toContain('token is expired (exp)');
  });

  it('errorMessage redacts before clipping: a token across the 500-character cut does not leak in part', async () => {
    const jwt = await realJwt();
    const message = errorMessage(new Error(`${'x'.repeat(460)} invalid token: ${jwt}, error: token has invalid claims: token is expired`));
    expect(message).not.toMatch(/eyJ/);
    expect(message).toContain('[redacted-token]');
  });

  it('errorMessage of odd values', () => {
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage({ message: 'object with message' })).toBe('object with message');
    expect(errorMessage(new Error(''))).toBe('Error');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('leaves ordinary text alone', () => {
    expect(redactTokens('could not reconnect, token might be expired')).toBe('could not reconnect, token might be expired');
  });

  it('the logger redacts strings, errors and objects at every level', async () => {
    const jwt = await realJwt();
    const lines: [string, unknown[]][] = [];
    const base = {
      debug: (...a: unknown[]) => lines.push(['debug', a]),
      info: (...a: unknown[]) => lines.push(['info', a]),
      warn: (...a: unknown[]) => lines.push(['warn', a]),
      error: (...a: unknown[]) => lines.push(['error', a]),
    };
    const logger = createCallLogger(base);
    logger.debug(`t=${jwt}`);
    logger.info(new Error(`invalid token: ${jwt}`));
    logger.warn({ url: `wss://x?access_token=${jwt}` });
    logger.error('plain', 42);
    expect(lines.map(([level]) => level)).toEqual(['debug', 'info', 'warn', 'error']);
    expect(JSON.stringify(lines)).not.toContain(jwt.split('.')[1]);
    expect(lines[3]![1]).toEqual(['plain', 42]);
  });

  it('the logger sends each level to the same level of the base, errors nested in objects redacted', async () => {
    const jwt = await realJwt();
    const base = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const logger = createCallLogger(base);
    logger.warn('refused', { error: new Error(`invalid token: ${jwt}`), attempt: 2 });
    expect(base.warn).toHaveBeenCalledWith('refused', { error: 'Error: invalid token: [redacted-token]', attempt: 2 });
    expect(base.error).not.toHaveBeenCalled();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    logger.info(circular, null, undefined, true);
    expect(base.info).toHaveBeenCalledWith('[unserializable]', null, undefined, true);
  });

  it('a base logger without debug is fine', () => {
    const logger = createCallLogger({ info: jest.fn(), warn: jest.fn(), error: jest.fn() });
    expect(() => logger.debug('x')).not.toThrow();
  });
});
