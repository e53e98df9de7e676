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
