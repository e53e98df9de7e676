import { readFileSync } from 'node:fs';
import { LoggerNames, NegotiationError, getLogger } from 'livekit-client';
import { routeLiveKitLogs } from '../../../src';
import { onSdkPublishRetry, SDK_PUBLISH_RETRY_LINE } from '../../../src/negotiation/sdk-retry-tap';

// The line exactly as livekit-client's LocalParticipant logs it when it swallows a NegotiationError.
const sdkRetries = (room: string, participant: string) =>
  getLogger(LoggerNames.Participant).warn(SDK_PUBLISH_RETRY_LINE, { room, participant, error: new NegotiationError('negotiation timed out') });

describe('onSdkPublishRetry: the NegotiationError livekit-client retries without telling anyone', () => {
  let consoleSpies: jest.SpyInstance[];
  beforeEach(() => {
    consoleSpies = (['warn', 'log', 'info', 'debug', 'error'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => undefined));
  });
  afterEach(() => consoleSpies.forEach((s) => s.mockRestore()));

  it('listens for a line the installed livekit-client really logs (an upgrade that rewords it fails here)', () => {
    const bundle = readFileSync(require.resolve('livekit-client'), 'utf8');
    expect(bundle).toContain(SDK_PUBLISH_RETRY_LINE);
  });

  it('hears the SDK’s own retry line with its room and identity, and nothing else', () => {
    const heard: unknown[] = [];
    const off = onSdkPublishRetry((c) => heard.push(c));
    try {
      sdkRetries('standup', 'ann');
      getLogger(LoggerNames.Participant).warn('publishing track', { room: 'standup', participant: 'ann' });
      getLogger(LoggerNames.Engine).warn('negotiation timed out', { room: 'standup' });
      expect(heard).toEqual([expect.objectContaining({ room: 'standup', participant: 'ann' })]);
    } finally {
      off();
    }
    sdkRetries('standup', 'ann');
    expect(heard).toHaveLength(1);
  });

  it('counts each line once while routeLiveKitLogs silences the console writer, and keeps hearing after it is undone', () => {
    const heard: unknown[] = [];
    const off = onSdkPublishRetry((c) => heard.push(c));
    const restore = routeLiveKitLogs({ debug() {}, info() {}, warn() {}, error() {} });
    try {
      sdkRetries('standup', 'ann');
      expect(heard).toHaveLength(1);
    } finally {
      restore();
    }
    sdkRetries('standup', 'ann');
    expect(heard).toHaveLength(2);
    off();
  });

  it('a tap first used while routing is on is not lost when routing is undone (its extension sat above the writers put back)', () => {
    const restore = routeLiveKitLogs({ debug() {}, info() {}, warn() {}, error() {} });
    const heard: unknown[] = [];
    const off = onSdkPublishRetry((c) => heard.push(c));
    try {
      sdkRetries('standup', 'ann');
      expect(heard).toHaveLength(1);
    } finally {
      restore();
    }
    sdkRetries('standup', 'ann');
    expect(heard).toHaveLength(2);
    off();
  });
});
