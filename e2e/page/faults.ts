// Faults a scenario plays inside a subject page.
import { Track, type LocalParticipant } from 'livekit-client';

/**
 * A camera that stops producing while everything says live: the published camera's sender gets
 * no track (`replaceTrack(null)`). The publication stays unmuted and published, the capture track
 * stays `live`, the server keeps forwarding a track that carries nothing.
 */
export async function silenceCamera(participant: LocalParticipant | undefined): Promise<string> {
  const sender = participant?.getTrackPublication(Track.Source.Camera)?.track?.sender;
  if (!sender) return 'no camera sender';
  await sender.replaceTrack(null);
  return 'silenced';
}

/** The local participant's ConnectionQuality as the server reports it, and what the camera sends. */
export function localQuality(participant: LocalParticipant | undefined): string {
  return participant?.connectionQuality ?? 'none';
}
