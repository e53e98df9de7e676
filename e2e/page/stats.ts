import type { LocalParticipant } from 'livekit-client';

/** What the browser itself says it is sending: codec and how many simulcast layers are active. */
export async function collectOutboundVideo(sender: RTCRtpSender | undefined) {
  if (!sender) return null;
  const report = await sender.getStats();
  const codecs = new Map<string, string>();
  const layers: { rid: string | null; framesEncoded: number; codecId?: string }[] = [];
  report.forEach((stat: { type: string; id: string; mimeType?: string; rid?: string; framesEncoded?: number; codecId?: string; kind?: string }) => {
    if (stat.type === 'codec' && stat.mimeType) codecs.set(stat.id, stat.mimeType);
    if (stat.type === 'outbound-rtp' && stat.kind === 'video') layers.push({ rid: stat.rid ?? null, framesEncoded: stat.framesEncoded ?? 0, codecId: stat.codecId });
  });
  const mimeTypes = [...new Set(layers.map((l) => (l.codecId ? codecs.get(l.codecId) : undefined)).filter(Boolean))];
  return { mimeTypes, layers: layers.length, activeLayers: layers.filter((l) => l.framesEncoded > 0).length };
}

/** Each local publication and whether its sender is really encoding: tells "not published" from "published, not sending". */
export async function describeLocalMedia(participant: LocalParticipant | undefined) {
  if (!participant) return null;
  const report = [];
  for (const pub of participant.trackPublications.values()) {
    const track = pub.track;
    const sending = { framesEncoded: 0, bytesSent: 0, activeEncodings: 0, limitation: '' };
    if (track?.sender) {
      const stats = await Promise.race([track.sender.getStats(), new Promise<undefined>((r) => setTimeout(r, 500))]);
      stats?.forEach((s: { type: string; framesEncoded?: number; bytesSent?: number; qualityLimitationReason?: string }) => {
        if (s.type !== 'outbound-rtp') return;
        sending.framesEncoded += s.framesEncoded ?? 0;
        sending.bytesSent += s.bytesSent ?? 0;
        sending.limitation ||= s.qualityLimitationReason ?? '';
      });
      sending.activeEncodings = track.sender.getParameters().encodings.filter((e) => e.active).length;
    }
    report.push({
      source: pub.source,
      sid: pub.trackSid,
      muted: pub.isMuted,
      readyState: track?.mediaStreamTrack.readyState,
      trackMuted: track?.mediaStreamTrack.muted,
      hasSender: Boolean(track?.sender),
      ...sending,
    });
  }
  return report;
}
