import { LocalAudioTrack, Room } from 'livekit-client';
import type { CallRoom } from '../../../src/connection/room-surface';
import { createCaptureKeeper } from '../../../src/media-setup/capture-keeper';
import { retirePublishing, RoomRetiredError } from '../../../src/media-setup/retire-publishing';

class FakeMediaStream {
  private tracks: unknown[];
  constructor(tracks: unknown[] = []) {
    this.tracks = [...tracks];
  }
  getTracks = () => this.tracks;
  getAudioTracks = () => this.tracks;
  getVideoTracks = () => [];
  addTrack = (t: unknown) => void this.tracks.push(t);
  removeTrack = (t: unknown) => void (this.tracks = this.tracks.filter((x) => x !== t));
}

/** Just enough of a MediaStreamTrack for livekit-client's LocalAudioTrack outside a browser. */
class FakeMediaStreamTrack {
  kind = 'audio';
  id = 'mic-1';
  enabled = true;
  muted = false;
  readyState = 'live';
  stop = jest.fn(() => void (this.readyState = 'ended'));
  getSettings = () => ({ deviceId: 'headset' });
  getConstraints = () => ({});
  addEventListener = () => undefined;
  removeEventListener = () => undefined;
  clone = () => this;
}

const globals = globalThis as { MediaStream?: unknown; MediaStreamTrack?: unknown };
const saved = { MediaStream: globals.MediaStream, MediaStreamTrack: globals.MediaStreamTrack };
beforeAll(() => Object.assign(globals, { MediaStream: FakeMediaStream, MediaStreamTrack: FakeMediaStreamTrack }));
afterAll(() => Object.assign(globals, saved));

const fakeMicrophone = () => new FakeMediaStreamTrack();

/** A publish livekit-client defers until the signal connects (a Room mid-restart, as on replacement). */
function deferredPublish() {
  const room = new Room();
  const mic = fakeMicrophone();
  const track = new LocalAudioTrack(mic as unknown as MediaStreamTrack, undefined, true);
  const publishing = room.localParticipant.publishTrack(track, { source: track.source });
  publishing.catch(() => undefined);
  return { room, mic, track, publishing };
}

describe('retirePublishing (real livekit-client LocalParticipant)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('the trap: a publish deferred until the signal connects stops the capture after 15 s', async () => {
    const { room, mic, publishing } = deferredPublish();
    await jest.advanceTimersByTimeAsync(100);
    await room.disconnect(false);
    expect(mic.stop).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(15_000);
    expect(mic.stop).toHaveBeenCalled();
    await expect(publishing).rejects.toThrow(/not connected within timeout/);
  });

  it('a retired Room refuses the deferred publish at once and never stops the capture', async () => {
    const { room, mic, publishing } = deferredPublish();
    await jest.advanceTimersByTimeAsync(100);
    retirePublishing(room.localParticipant);
    await expect(publishing).rejects.toBeInstanceOf(RoomRetiredError);
    await room.disconnect(false);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(mic.stop).not.toHaveBeenCalled();
    expect(mic.readyState).toBe('live');
  });

  it('a retired Room publishes nothing later either (the SDK restart that was on its way)', async () => {
    const room = new Room();
    retirePublishing(room.localParticipant);
    const mic = fakeMicrophone();
    const track = new LocalAudioTrack(mic as unknown as MediaStreamTrack, undefined, true);
    await expect(room.localParticipant.publishTrack(track)).rejects.toBeInstanceOf(RoomRetiredError);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(mic.stop).not.toHaveBeenCalled();
    expect(room.localParticipant.trackPublications.size).toBe(0);
  });

  it('the capture keeper retires a Room before it takes its captures off', async () => {
    const { room, mic, publishing } = deferredPublish();
    await jest.advanceTimersByTimeAsync(100);
    await createCaptureKeeper().detachAll(room as unknown as CallRoom);
    await expect(publishing).rejects.toBeInstanceOf(RoomRetiredError);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(mic.stop).not.toHaveBeenCalled();
  });

  it('leaves anything that is not a livekit-client participant alone', () => {
    expect(() => retirePublishing(undefined)).not.toThrow();
    const other = { publish: 1 };
    retirePublishing(other);
    expect(other.publish).toBe(1);
  });
});
