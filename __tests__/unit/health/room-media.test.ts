import { TrackInfo, TrackSource, TrackType } from '@livekit/protocol';
import { RemoteTrackPublication, Track } from 'livekit-client';
import { sampleRoomMedia, type WatchableRoom, type WatchedRemotePublication } from '../../../src/health/room-media';

/** A real livekit-client publication of a remote camera (no track yet: subscription pending). */
function realCamera(muted = false): RemoteTrackPublication {
  const info = new TrackInfo({ sid: 'TR_cam', name: 'camera', type: TrackType.VIDEO, source: TrackSource.CAMERA, muted });
  return new RemoteTrackPublication(Track.Kind.Video, info, true);
}

const stats = (entries: Record<string, unknown>[]) => ({ getStats: async () => new Map(entries.map((e, i) => [String(i), e])) });

function roomWith(pubs: WatchedRemotePublication[], local?: WatchableRoom['localParticipant']['getTrackPublication']): WatchableRoom {
  return {
    remoteParticipants: new Map([['bob', { identity: 'bob', trackPublications: new Map(pubs.map((p, i) => [`${p.trackSid}-${i}`, p])) }]]),
    localParticipant: { identity: 'ann', getTrackPublication: local },
  };
}

describe('sampleRoomMedia', () => {
  it('a real subscribed-but-trackless camera publication is expected and at 0 frames', async () => {
    const [sample] = await sampleRoomMedia(roomWith([realCamera()]));
    expect(sample).toEqual({ scope: 'remote', identity: 'bob', trackSid: 'TR_cam', source: 'camera', expected: true, progress: 0 });
  });

  it('not expected when the publisher muted it or we unsubscribed it', async () => {
    const unsubscribed = realCamera();
    unsubscribed.setSubscribed(false);
    const samples = await sampleRoomMedia(roomWith([realCamera(true), unsubscribed]));
    expect(samples.map((s) => s.expected)).toEqual([false, false]);
  });

  it('frames decoded come from the receiver; a paused stream (server congestion control) is not expected', async () => {
    const pub = realCamera();
    Object.defineProperty(pub, 'track', { value: { streamState: Track.StreamState.Paused, receiver: stats([{ type: 'inbound-rtp', framesDecoded: 41 }, { type: 'codec' }]) } });
    const [sample] = await sampleRoomMedia(roomWith([pub]));
    expect(sample).toEqual(expect.objectContaining({ progress: 41, expected: false }));
  });

  it('screen shares and audio are not watched; a receiver whose stats reject is skipped', async () => {
    const share = { ...realCamera(), trackSid: 'TR_s', kind: Track.Kind.Video, source: Track.Source.ScreenShare, isMuted: false, isDesired: true, isEnabled: true, setSubscribed: () => undefined };
    const broken = { trackSid: 'TR_b', kind: Track.Kind.Video, source: Track.Source.Camera, isMuted: false, isDesired: true, isEnabled: true, setSubscribed: () => undefined, track: { streamState: 'active', receiver: { getStats: () => Promise.reject(new Error('closed')) } } };
    expect(await sampleRoomMedia(roomWith([share as WatchedRemotePublication, broken]))).toEqual([]);
  });

  it('our camera: bytes sent summed over simulcast layers; all encodings off (dynacast, no viewer) is not expected', async () => {
    let active = true;
    const sender = { ...stats([{ type: 'outbound-rtp', bytesSent: 100 }, { type: 'outbound-rtp', bytesSent: 50 }, { type: 'remote-inbound-rtp', bytesSent: 9 }]), getParameters: () => ({ encodings: [{ active }, { active }] }) };
    const camera = { trackSid: 'TR_me', isMuted: false, track: { isMuted: false, sender } };
    const room = roomWith([], (source) => (source === Track.Source.Camera ? camera : undefined));
    expect((await sampleRoomMedia(room)).find((s) => s.scope === 'local')).toEqual({ scope: 'local', identity: 'ann', trackSid: 'TR_me', source: 'camera', expected: true, progress: 150 });
    active = false;
    expect((await sampleRoomMedia(room)).find((s) => s.scope === 'local')?.expected).toBe(false);
  });
});
