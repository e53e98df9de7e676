import { launchChromium } from './browser';
import type { BrowserSession, Engine } from './e2e-page';
import { launchFirefox } from './firefox';

/** A fresh browser (and profile) of the given engine. */
export function launchEngine(engine: Engine): Promise<BrowserSession> {
  return engine === 'firefox' ? launchFirefox() : launchChromium();
}
