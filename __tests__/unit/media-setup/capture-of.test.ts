/** @jest-environment jsdom */
import '../../react/jsdom-polyfills';
import { LocalVideoTrack, Track, type TrackProcessor } from 'livekit-client';
import { captureDeviceOf, captureOf, isKeepable, type KeptTrack } from '../../../src/media-setup/kept-track';
import { FakeCameraTrack, useJsdomMedia } from '../../helpers/jsdom-media';

useJsdomMedia();

/** A processor whose output outlives the camera under it (Firefox's canvas captureStream does). */
function canvasProcessor(output: FakeCameraTrack): TrackProcessor<Track.Kind.Video> {
  return { name: 'marker', processedTrack: output as unknown as MediaStreamTrack, init: async () => undefined, restart: async () => undefined, destroy: async () => undefined };
}

async function processedCamera() {
  const camera = new FakeCameraTrack('cam-2');
  const output = new FakeCameraTrack('7c0e-processor-output-uuid');
  const track = new LocalVideoTrack(camera as unknown as MediaStreamTrack, undefined, true);
  track.source = Track.Source.Camera;
  await track.setProcessor(canvasProcessor(output));
  expect(track.mediaStreamTrack).toBe(output); // what livekit-client gives out with a processor on
  return { track: track as unknown as KeptTrack, camera, output };
}

describe('the capture under a processor (real livekit-client LocalVideoTrack)', () => {
  it('a camera that ended under a processor whose output is still live is not kept (nothing to move: it would freeze)', async () => {
    const { track, camera, output } = await processedCamera();
    expect(isKeepable(track)).toBe(true);
    camera.readyState = 'ended';
    expect(output.readyState).toBe('live');
    expect(captureOf(track)).toBe(camera);
    expect(isKeepable(track)).toBe(false);
  });

  it("the device is the capture's, not the processor output's (whose deviceId names no device)", async () => {
    const { track } = await processedCamera();
    expect(captureDeviceOf(track)).toBe('cam-2');
  });

  it('a track without a processor: its own capture', () => {
    const camera = new FakeCameraTrack('cam-3');
    const track = new LocalVideoTrack(camera as unknown as MediaStreamTrack, undefined, true) as unknown as KeptTrack;
    expect(captureOf(track)).toBe(camera);
    expect(captureDeviceOf(track)).toBe('cam-3');
  });
});
