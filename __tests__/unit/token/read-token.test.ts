import { AccessToken } from 'livekit-server-sdk';
import { CallTokenError } from '../../../src';
import { readTokenInfo } from '../../../src/token/read-token';
import { makeTestToken } from '../../../src/testing';

describe('readTokenInfo', () => {
  it('reads exp, identity and room from a real livekit-server-sdk token', async () => {
    const at = new AccessToken('devkey', 'secret', { identity: 'ann', ttl: 600 });
    at.addGrant({ room: 'standup', roomJoin: true });
    const token = await at.toJwt();
    const now = Date.now();
    const info = readTokenInfo(token, now);
    expect(info.identity).toBe('ann');
    expect(info.roomName).toBe('standup');
    expect(info.expiresAt).toBeGreaterThan(now + 590_000);
    expect(info.expiresAt).toBeLessThanOrEqual(now + 601_000);
    expect(info.issuedAt).toBeLessThanOrEqual(now);
  });

  it.each([
    ['garbage', 'hello', 'token-malformed'],
    ['two segments', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0', 'token-malformed'],
    ['no exp', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2ln', 'token-missing-exp'],
  ])('rejects %s with a typed error', (_name, token, code) => {
    expect(() => readTokenInfo(token, Date.now())).toThrow(CallTokenError);
    try {
      readTokenInfo(token, Date.now());
    } catch (error) {
      expect((error as CallTokenError).code).toBe(code);
      expect((error as CallTokenError).message).not.toContain(token);
    }
  });

  it('rejects a token whose own claims say it is dead (exp before nbf)', () => {
    const token = makeTestToken({ identity: 'a', ttlSeconds: -10, now: 0 });
    expect(() => readTokenInfo(token, 0)).toThrow(/before it becomes valid/);
  });

  it('never refuses a token only because the browser clock calls it expired: the server judges', () => {
    // minted by a token server 11 min behind the browser, valid for 10 min by its claims
    const now = Date.parse('2026-11-24T10:00:00Z');
    const token = makeTestToken({ identity: 'a', ttlSeconds: 600, now: now - 11 * 60_000 });
    const info = readTokenInfo(token, now);
    expect(info.lifetimeMs).toBe(600_000);
    expect(info.expiresAt).toBe(now - 60_000);
  });

  it('a token without a subject is refused', () => {
    const token = makeTestToken({ identity: '', ttlSeconds: 10 });
    expect(() => readTokenInfo(token, Date.now())).toThrow(/identity/);
  });
});
