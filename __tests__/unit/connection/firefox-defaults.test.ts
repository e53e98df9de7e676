import { FastReconnectPolicy } from '../../../src/connection/sdk-reconnect-policy';
import { FIREFOX_SDK_ATTEMPTS, delaysFailedWebSockets } from '../../../src/connection/firefox-defaults';
import { ENGINE_TEXTS } from '../errors/engine-texts';
import { resolveOptions } from '../../../src/controller/options';

/** Firefox's hold-back after `failures` failed connects (nsWSAdmissionManager's FailDelay, midpoint 300 ms). */
const holdBackMs = (failures: number) => (failures === 0 ? 0 : Math.min(60_000, 300 * 1.5 ** (failures - 1)));

/** The SDK's attempts during an outage of `outageMs` under `policy`, each one waiting out Firefox's hold-back. */
function failuresDuring(policy: FastReconnectPolicy, outageMs: number): number {
  let elapsed = 0;
  let failures = 0;
  for (let n = 0; ; n++) {
    const wait = policy.nextRetryDelayInMs({ retryCount: n, elapsedMs: elapsed });
    if (wait === null) return failures;
    elapsed += Math.max(wait, holdBackMs(failures));
    if (elapsed >= outageMs) return failures;
    failures++;
  }
}

describe('browsers that hold back WebSockets after failures', () => {
  it('is Firefox, by its real user agent', () => {
    expect(delaysFailedWebSockets(ENGINE_TEXTS.firefox.userAgent)).toBe(true);
    expect(delaysFailedWebSockets(ENGINE_TEXTS.chromium.userAgent)).toBe(false);
    expect(delaysFailedWebSockets(undefined)).toBe(false);
  });

  it('the SDK resume stops after 6 attempts there, so the next connect is held back about 2 s, not 10 s or more', () => {
    const firefox = new FastReconnectPolicy(30_000, () => 0.5, FIREFOX_SDK_ATTEMPTS);
    const chromium = new FastReconnectPolicy(30_000, () => 0.5);
    expect(failuresDuring(firefox, 35_000)).toBe(6);
    expect(holdBackMs(failuresDuring(firefox, 35_000))).toBeLessThan(2_500);
    // the time budget alone (what Chromium gets): Firefox's own hold-back spaces the attempts out
    expect(holdBackMs(failuresDuring(chromium, 35_000))).toBeGreaterThan(10_000);
    expect(firefox.nextRetryDelayInMs({ retryCount: 5, elapsedMs: 0 })).not.toBeNull();
    expect(firefox.nextRetryDelayInMs({ retryCount: 6, elapsedMs: 0 })).toBeNull();
  });
});

describe('controller defaults by engine', () => {
  const withUserAgent = <T>(userAgent: string, run: () => T): T => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { userAgent }, configurable: true });
    try {
      return run();
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  };
  const resolve = (config: Partial<Parameters<typeof resolveOptions>[0]> = {}) =>
    resolveOptions({ tokenSource: { fetch: async () => ({ serverUrl: 'ws://x', participantToken: 't' }) }, ...config } as Parameters<typeof resolveOptions>[0], () => {
      throw new Error('no room in this test');
    });

  it('Firefox: SDK resume ends after 6 attempts or 10 s; Chromium: 30 s, no attempt cap', () => {
    const firefox = withUserAgent(ENGINE_TEXTS.firefox.userAgent, () => resolve());
    expect(firefox.sdkReconnectTimeoutMs).toBe(10_000);
    expect((firefox.reconnectPolicy as FastReconnectPolicy).maxAttempts).toBe(6);
    const chromium = withUserAgent(ENGINE_TEXTS.chromium.userAgent, () => resolve());
    expect(chromium.sdkReconnectTimeoutMs).toBe(30_000);
    expect((chromium.reconnectPolicy as FastReconnectPolicy).maxAttempts).toBe(Number.POSITIVE_INFINITY);
  });

  it("the app's own sdkReconnectTimeoutMs wins in Firefox too", () => {
    expect(withUserAgent(ENGINE_TEXTS.firefox.userAgent, () => resolve({ sdkReconnectTimeoutMs: 20_000 })).sdkReconnectTimeoutMs).toBe(20_000);
  });
});
