import { nextToggleState, sourcesToReapply } from '../../../src/media/live-media';
import { roomOptionsForProfile } from '../../../src/media/video-profiles';
import { VideoPresets } from 'livekit-client';

describe('nextToggleState', () => {
  it.each([
    [undefined, true, false],
    [undefined, false, true],
    [true, true, true],
    [true, false, true],
    [false, true, false],
  ])('wanted %s, live %s → %s', (wanted, live, next) => {
    expect(nextToggleState(wanted, live)).toBe(next);
  });
});

describe('sourcesToReapply', () => {
  it('only sources that differ, in the given order', () => {
    expect(
      sourcesToReapply(['microphone', 'camera', 'screenShare'], { camera: true, microphone: true, screenShare: false }, { camera: false, microphone: true, screenShare: true }),
    ).toEqual(['camera', 'screenShare']);
  });
});

describe('video profiles', () => {
  it('hd is VP9 + simulcast + 1080p; stable is VP8, no simulcast, 720p', () => {
    expect(roomOptionsForProfile('hd')).toMatchObject({ publishDefaults: { videoCodec: 'vp9', simulcast: true }, videoCaptureDefaults: { resolution: VideoPresets.h1080.resolution } });
    expect(roomOptionsForProfile('stable')).toMatchObject({ publishDefaults: { videoCodec: 'vp8', simulcast: false }, videoCaptureDefaults: { resolution: VideoPresets.h720.resolution } });
  });
  it('app overrides merge into the nested defaults', () => {
    const options = roomOptionsForProfile('stable', { stable: { publishDefaults: { dtx: false }, adaptiveStream: false } });
    expect(options.publishDefaults).toMatchObject({ videoCodec: 'vp8', simulcast: false, dtx: false });
    expect(options.adaptiveStream).toBe(false);
  });
});
