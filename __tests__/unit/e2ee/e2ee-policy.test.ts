import { CryptorError, CryptorErrorReason, DeviceUnsupportedError } from 'livekit-client';
import { changesUndecryptable, describeE2EEError, isE2EEUnsupported } from '../../../src/e2ee/e2ee-policy';

describe('describeE2EEError: class name and cryptor reason, never the message', () => {
  it.each([
    ['a CryptorError', () => new CryptorError('key SECRET missing', CryptorErrorReason.MissingKey, 'ann'), 'LiveKitError (MissingKey)'],
    ["the worker's posted Error", () => new Error('InvalidKey: decryption with SECRET failed'), 'Error (InvalidKey)'],
    ['a TypeError', () => new TypeError('SECRET'), 'TypeError'],
    ['a name that is not a class name', () => Object.assign(new Error('x'), { name: 'SECRET key=abc' }), 'Error'],
    ['a string', () => 'a string with SECRET', 'Error'],
    ['undefined', () => undefined, 'Error'],
    ['a Proxy that throws', () => new Proxy({}, { get: () => { throw new Error('SECRET'); } }), 'Error'],
  ])('%s', (_label, make, expected) => {
    expect(describeE2EEError(make())).toBe(expected);
  });

  it('DeviceUnsupportedError, by class or by name (another bundle copy)', () => {
    expect(isE2EEUnsupported(new DeviceUnsupportedError('no transforms'))).toBe(true);
    expect(isE2EEUnsupported({ name: 'DeviceUnsupportedError' })).toBe(true);
    expect(isE2EEUnsupported(new Error('DeviceUnsupportedError'))).toBe(false);
  });

  it('changesUndecryptable: only transitions', () => {
    expect(changesUndecryptable([], 'bob', true)).toBe(true);
    expect(changesUndecryptable(['bob'], 'bob', true)).toBe(false);
    expect(changesUndecryptable(['bob'], 'bob', false)).toBe(true);
    expect(changesUndecryptable([], 'bob', false)).toBe(false);
  });
});
