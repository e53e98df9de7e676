// The library-only steps of `media-setup-across-reconnects` after the four (issue 18): the camera's
// capture under the processor ends, then a controlled reconnect must open it again with the
// processor; then the same with a processor whose init rejects (held back), and its retry once the
// processor works. A plain page has no controlled reconnect nor lostProcessors: it gets nothing.
import { pageCall } from '../env';
import type { Engine } from '../harness/e2e-page';
import type { StepRun } from './media-setup-steps';
import type { Subject } from './subjects';

export const NO_EQUIVALENT = 'nothing (no equivalent)';

/**
 * Chromium only: in Firefox one run added 44 s (over the 30 s the budget allows these steps; 28 s of
 * it the held-back step waiting out its limit, as the library moved the dead camera: e2e/README.md).
 */
export const CAPTURE_STEP_ENGINES: readonly Engine[] = ['chromium'];

interface Ended {
  stopped: boolean;
  via: string;
  processed?: boolean;
  source?: string;
  output?: string;
}

/** Stops the library's camera capture (not the processed track) and checks that it ended. */
async function endCameraCapture(page: Subject['page']): Promise<string> {
  const ended = await pageCall<Ended>(page, 'endCameraCapture');
  if (!ended.stopped || ended.source !== 'ended' || !ended.processed) throw new Error(`the library's camera capture did not end under its processor: ${JSON.stringify(ended)}`);
  return `camera capture stopped (${ended.via}: ${ended.source}; the processor's output ${ended.output})`;
}

export const CAPTURE_STEPS: StepRun[] = [
  {
    name: 'camera-capture-ends',
    backWithinMs: 30_000,
    expects: 'reopened',
    libraryOnly: true,
    async play(_env, trio) {
      const ended = await endCameraCapture(trio.library.page);
      await pageCall(trio.library.page, 'forceReconnect', 'e2e: camera capture ended');
      return { end: Date.now(), played: { library: `${ended}, forceReconnect`, baseline: NO_EQUIVALENT } };
    },
  },
  {
    name: 'processor-broken',
    backWithinMs: 30_000,
    expects: 'held-back',
    libraryOnly: true,
    async play(_env, trio) {
      await pageCall(trio.library.page, 'breakMarker', true);
      const ended = await endCameraCapture(trio.library.page);
      await pageCall(trio.library.page, 'forceReconnect', 'e2e: camera capture ended, processor broken');
      return { end: Date.now(), played: { library: `marker init rejects, ${ended}, forceReconnect`, baseline: NO_EQUIVALENT } };
    },
  },
  {
    // The second half of processor-broken: the retry the README names (toggleCamera(true)) once init works.
    name: 'processor-healed',
    backWithinMs: 20_000,
    expects: 'restored',
    libraryOnly: true,
    async play(_env, trio) {
      await pageCall(trio.library.page, 'breakMarker', false);
      await pageCall(trio.library.page, 'toggleCamera', true);
      return { end: Date.now(), played: { library: 'marker init works again, toggleCamera(true)', baseline: NO_EQUIVALENT } };
    },
  },
];
