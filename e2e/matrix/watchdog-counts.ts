// How often the library's media watchdog and quality policy acted in a run, from the page's
// recorded actions. Counted in every scenario, not only the health ones: a firing where no media
// fault was played is a false positive, and the closing note of issue 14 needs that number.

export interface WatchdogCounts {
  mediaStale: number;
  mediaResubscribed: number;
  localTrackRestarted: number;
  mediaReconnectRequested: number;
  mediaRecovered: number;
  /** `call/profileChanged` chosen by the quality policy (reason `quality: …` or `quality-restored: …`). */
  qualityProfileChanges: number;
}

export const WATCHDOG_KEYS = ['mediaStale', 'mediaResubscribed', 'localTrackRestarted', 'mediaReconnectRequested', 'mediaRecovered', 'qualityProfileChanges'] as const;

export const noWatchdog = (): WatchdogCounts => ({ mediaStale: 0, mediaResubscribed: 0, localTrackRestarted: 0, mediaReconnectRequested: 0, mediaRecovered: 0, qualityProfileChanges: 0 });

type Recorded = { action: { type: string; payload?: unknown } };

export const isQualityProfileChange = (a: Recorded['action']): boolean =>
  a.type === 'call/profileChanged' && /^quality/.test(String((a.payload as { reason?: unknown } | undefined)?.reason ?? ''));

export function countWatchdog(actions: Recorded[] | undefined): WatchdogCounts {
  const counts = noWatchdog();
  for (const { action } of actions ?? []) {
    const key = action.type.replace(/^call\//, '');
    if (key !== 'qualityProfileChanges' && (WATCHDOG_KEYS as readonly string[]).includes(key)) counts[key as keyof WatchdogCounts]++;
    if (isQualityProfileChange(action)) counts.qualityProfileChanges++;
  }
  return counts;
}

export function sumWatchdog(all: (WatchdogCounts | undefined)[]): WatchdogCounts {
  const total = noWatchdog();
  for (const counts of all) for (const key of WATCHDOG_KEYS) total[key] += counts?.[key] ?? 0;
  return total;
}

/** `stale 2, resub 1, restart 0, reconnect 1, recovered 2, quality 0`, short for the console table. */
export const formatWatchdog = (c: WatchdogCounts): string =>
  `${c.mediaStale}/${c.mediaResubscribed}/${c.localTrackRestarted}/${c.mediaReconnectRequested}/${c.mediaRecovered}/${c.qualityProfileChanges}`;
