import { FastReconnectPolicy } from '../../../src/connection/sdk-reconnect-policy';
import { BACKOFF_BROWSER_SDK_ATTEMPTS, delaysFailedWebSockets } from '../../../src/connection/websocket-backoff';
import { ENGINE_TEXTS } from '../errors/engine-texts';

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
    const firefox = new FastReconnectPolicy(30_000, () => 0.5, BACKOFF_BROWSER_SDK_ATTEMPTS);
    const chromium = new FastReconnectPolicy(30_000, () => 0.5);
    expect(failuresDuring(firefox, 35_000)).toBe(6);
    expect(holdBackMs(failuresDuring(firefox, 35_000))).toBeLessThan(2_500);
    // the time budget alone (what Chromium gets): Firefox's own hold-back spaces the attempts out
    expect(holdBackMs(failuresDuring(chromium, 35_000))).toBeGreaterThan(10_000);
    expect(firefox.nextRetryDelayInMs({ retryCount: 5, elapsedMs: 0 })).not.toBeNull();
    expect(firefox.nextRetryDelayInMs({ retryCount: 6, elapsedMs: 0 })).toBeNull();
  });
});
