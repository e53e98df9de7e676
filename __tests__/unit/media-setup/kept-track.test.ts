import { forgetOldSenders, isKeepable, isMovable, mediaSourceOf } from '../../../src/media-setup/kept-track';
import { scaleDownFactor, scaleToProfile } from '../../../src/media-setup/scale-to-profile';
import { FakeLocalTrack } from '../../../src/testing';

describe('which captures move to the next Room', () => {
  it('a live capture of the call does; one that ended by itself does not; a muted camera (stopped by the SDK) does', async () => {
    expect(isKeepable(new FakeLocalTrack('camera', 'c'))).toBe(true);
    const ended = new FakeLocalTrack('microphone', 'm');
    ended.end();
    expect(isKeepable(ended)).toBe(false);
    const muted = new FakeLocalTrack('camera', 'c');
    await muted.mute();
    expect(muted.mediaStreamTrack.readyState).toBe('ended');
    expect(isKeepable(muted)).toBe(true);
    expect(isKeepable(new FakeLocalTrack('unknown', 'x'))).toBe(false);
  });

  it('a screen share and its audio belong to the screenShare source', () => {
    expect(mediaSourceOf(new FakeLocalTrack('screen_share', 'x'))).toBe('screenShare');
    expect(mediaSourceOf(new FakeLocalTrack('screen_share_audio', 'x'))).toBe('screenShare');
    expect(mediaSourceOf(new FakeLocalTrack('microphone', 'x'))).toBe('microphone');
  });

  it("old backup-codec senders are forgotten (livekit-client keeps them after a failed PeerConnection and would skip the codec)", () => {
    const track = new FakeLocalTrack('camera', 'c');
    const info = { sender: {} as unknown };
    track.simulcastCodecs.set('vp8', info);
    track.sender = {};
    forgetOldSenders(track);
    expect(track.simulcastCodecs.size).toBe(0);
    expect(info.sender).toBeUndefined();
    expect(track.sender).toBeUndefined();
  });

  it('only a participant with publishTrack / unpublishTrack / trackPublications can hand over its captures', () => {
    expect(isMovable({ trackPublications: new Map(), publishTrack: async () => undefined, unpublishTrack: async () => undefined })).toBe(true);
    expect(isMovable({ setCameraEnabled: async () => undefined })).toBe(false);
    expect(isMovable(undefined)).toBe(false);
  });
});

describe('stable without a new capture: the encoder scales', () => {
  it('scales down only when the capture is taller than the profile', () => {
    expect(scaleDownFactor(1080, 720)).toBe(1.5);
    expect(scaleDownFactor(720, 720)).toBe(1);
    expect(scaleDownFactor(360, 720)).toBe(1);
    expect(scaleDownFactor(undefined, 720)).toBe(1);
  });

  it("multiplies each encoding's own factor (simulcast layers keep their ratios)", async () => {
    const track = new FakeLocalTrack('camera', 'c', undefined, 1080);
    let set: unknown;
    const encodings = [{ scaleResolutionDownBy: 1 }, { scaleResolutionDownBy: 2 }];
    track.sender = { getParameters: () => ({ encodings }), setParameters: async (p: unknown) => void (set = p) };
    await expect(scaleToProfile(track, 720)).resolves.toBe(1.5);
    expect(set).toEqual({ encodings: [{ scaleResolutionDownBy: 1.5 }, { scaleResolutionDownBy: 3 }] });
    await expect(scaleToProfile(new FakeLocalTrack('camera', 'c', undefined, 540), 720)).resolves.toBe(1);
  });
});
