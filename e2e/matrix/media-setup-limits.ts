// What each engine cannot set up for `media-setup-across-reconnects`, and why. A check is skipped
// only where both agree: the engine's limit names it here and the page found it missing
// (`MediaSetupView.unavailable`). Anything else missing is a failure, so Chromium (no limits) is
// held to every check, and a Firefox that one day shares a screen is checked on it.
import type { Engine } from '../harness/e2e-page';
import type { Skippable } from '../page/setup-constants';

export type { Skippable };

export const ENGINE_LIMITS: Record<Engine, Partial<Record<Skippable, string>>> = {
  // device-count=3 and a fake screen (--use-fake-ui-for-media-stream): everything is checked.
  chromium: {},
  // Measured on firefox-esr 153 headless with the prefs of harness/firefox.ts.
  firefox: {
    camera: "Firefox's fake media (media.navigator.streams.fake) is one camera: no 2nd to pick",
    microphone: "Firefox's fake media is one microphone: no 3rd to pick",
    speaker: 'Firefox lists no audiooutput, and selectAudioOutput() rejects with NotFoundError (no output device headless)',
    screenShare: "no screen headless: Firefox's fake media engine has cameras and microphones only and real capture needs a display server, and the machine has none (getDisplayMedia → NotFoundError, also with the screensharing and fake-camera prefs)",
  },
};

export interface Skips {
  /** Skipped checks: the engine's reason, and what the page saw. */
  skipped: Partial<Record<Skippable, string>>;
  /** Missing where this engine has no limit: failures. */
  missing: Partial<Record<Skippable, string>>;
}

export function skipsOf(limits: Partial<Record<Skippable, string>>, unavailable: Partial<Record<Skippable, string>> | undefined): Skips {
  const out: Skips = { skipped: {}, missing: {} };
  for (const [check, seen] of Object.entries(unavailable ?? {}) as [Skippable, string][]) {
    if (limits[check]) out.skipped[check] = `${limits[check]} (seen: ${seen})`;
    else out.missing[check] = seen;
  }
  return out;
}

/** `skipped in firefox: camera (…); speaker (…)`, or '' when nothing was. */
export const formatSkips = (engine: string, skipped: Partial<Record<Skippable, string>>): string => {
  const parts = Object.entries(skipped).map(([check, why]) => `${check}: ${why}`);
  return parts.length ? `skipped in ${engine}: ${parts.join('; ')}` : '';
};
