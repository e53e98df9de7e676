import { classifyCallError } from '../../../src';
import { screenShareRefusal } from '../../../src/media/screen-share-policy';
import { ENGINE_TEXTS, type EngineText } from './engine-texts';

/** What the library makes of each real text, in either engine (the case names are the probe's). */
const EXPECTED: Record<string, string> = {
  'removeTrack: sender of another RTCPeerConnection': 'remove-track-sender',
  'addTrack: RTCPeerConnection already closed': 'cancelled',
  'createOffer: RTCPeerConnection already closed': 'cancelled',
  'createDataChannel: RTCPeerConnection already closed': 'cancelled',
  'getDisplayMedia: no user gesture': 'device',
  'getDisplayMedia: no screen to capture (headless)': 'device',
  'getUserMedia: impossible constraint': 'device',
  'fetch: connection refused': 'network',
  'fetch: aborted': 'cancelled',
  'AbortSignal.timeout': 'network',
};
/** Chromium names the method; Firefox says only `Peer connection is closed`, whichever it was. */
const PER_ENGINE: Record<string, Record<string, string>> = {
  chromium: { 'removeTrack: RTCPeerConnection already closed': 'remove-track-sender' },
  firefox: { 'removeTrack: RTCPeerConnection already closed': 'cancelled' },
};

const asThrown = (t: EngineText): unknown => (t.name === 'TypeError' ? new TypeError(t.message) : new DOMException(t.message, t.name));

const rows = Object.entries(ENGINE_TEXTS).flatMap(([engine, { version, texts }]) =>
  texts.map((t) => [`${version}: ${t.case} (${t.name}: ${JSON.stringify(t.message)})`, engine, t] as const),
);

describe('real engine texts (e2e/probe-texts.ts)', () => {
  it.each(rows)('%s', (_title, engine, text) => {
    const expected = PER_ENGINE[engine]?.[text.case] ?? EXPECTED[text.case];
    expect(expected).toBeDefined();
    expect(classifyCallError(asThrown(text)).kind).toBe(expected);
  });

  it("Firefox's getDisplayMedia without a gesture is a UX state (share again), not an alert", () => {
    const text = ENGINE_TEXTS.firefox.texts.find((t) => t.case === 'getDisplayMedia: no user gesture')!;
    expect(classifyCallError(asThrown(text))).toEqual({ kind: 'device', alert: false, severity: 'info' });
    expect(screenShareRefusal(asThrown(text))).toBe('needs-gesture');
  });

  it.each([
    ['Firefox AbortError text that lost its name', new Error('The operation was aborted. '), 'cancelled'],
    ['Firefox AbortError as a string', 'AbortError: The operation was aborted. ', 'cancelled'],
    ['Firefox closed PeerConnection, as a string', 'InvalidStateError: Peer connection is closed', 'cancelled'],
    ['Firefox removeTrack on a foreign sender, as a string', '[UnhandledRejection] InvalidAccessError: This sender was not created by this PeerConnection', 'remove-track-sender'],
    ['Firefox fetch failure that lost its class', new Error('NetworkError when attempting to fetch resource.'), 'network'],
    ["an app's own error that mentions a closed connection stays loud", new Error('connection is closed, cannot save'), 'unknown'],
  ])('%s', (_title, error, kind) => {
    expect(classifyCallError(error).kind).toBe(kind);
  });
});
