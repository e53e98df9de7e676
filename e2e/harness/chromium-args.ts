// Chromium's command line, and a scenario's own flags on top of it (pure: unit-tested).

/** Keeps every packet on 127.0.0.1 (LIVEKIT-FACTS.md) and fakes camera and microphone. */
export const CHROMIUM_ARGS = [
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

const flagName = (arg: string) => arg.split('=')[0]!;

/**
 * `base` with `extra` on top: an extra `--flag=value` replaces the base's `--flag` or
 * `--flag=…` where it stood (e.g. `--use-fake-device-for-media-stream=device-count=3`), a new
 * flag is appended. Order otherwise kept; no flag twice.
 */
export function withChromiumArgs(extra: readonly string[] = [], base: readonly string[] = CHROMIUM_ARGS): string[] {
  const byName = new Map(extra.map((arg) => [flagName(arg), arg]));
  const merged = base.map((arg) => byName.get(flagName(arg)) ?? arg);
  const present = new Set(merged.map(flagName));
  return [...merged, ...extra.filter((arg) => !present.has(flagName(arg)))];
}
