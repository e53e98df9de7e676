import type { KeptTrack } from './kept-track';

/**
 * How much smaller the encoder sends a moved capture than it is captured: `stable`'s smaller
 * picture without a new capture (which would cost a camera restart and a processor re-init).
 */
export function scaleDownFactor(capturedHeight: number | undefined, profileHeight: number | undefined): number {
  if (!capturedHeight || !profileHeight || capturedHeight <= profileHeight) return 1;
  return capturedHeight / profileHeight;
}

interface ScalableSender {
  getParameters(): { encodings?: { scaleResolutionDownBy?: number }[] };
  setParameters(parameters: unknown): Promise<void>;
}

/** Scales every encoding of a moved camera down to the profile's height (layers keep their ratios). */
export async function scaleToProfile(track: KeptTrack, profileHeight: number | undefined): Promise<number> {
  const factor = scaleDownFactor(track.mediaStreamTrack?.getSettings?.().height, profileHeight);
  const sender = track.sender as ScalableSender | undefined;
  if (factor === 1 || typeof sender?.getParameters !== 'function') return 1;
  const parameters = sender.getParameters();
  for (const encoding of parameters.encodings ?? []) encoding.scaleResolutionDownBy = (encoding.scaleResolutionDownBy ?? 1) * factor;
  await sender.setParameters(parameters);
  return factor;
}
