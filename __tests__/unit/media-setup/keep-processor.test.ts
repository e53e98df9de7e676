/** @jest-environment jsdom */
import '../../react/jsdom-polyfills';
import { LocalVideoTrack, type TrackProcessor, type Track } from 'livekit-client';
import { runSaga } from 'redux-saga';
import { callActions, createInitialCallState } from '../../../src';
import type { ControllerContext } from '../../../src/controller/context';
import { createCaptureKeeper } from '../../../src/media-setup/capture-keeper';
import { keepProcessor } from '../../../src/media-setup/keep-processor';
import type { KeptTrack } from '../../../src/media-setup/kept-track';
import { FakeCameraTrack, useJsdomMedia } from '../../helpers/jsdom-media';

useJsdomMedia();

function processor(init: () => Promise<void>): TrackProcessor<Track.Kind.Video> {
  return { name: 'background-blur', init: jest.fn(init), restart: jest.fn(async () => undefined), destroy: jest.fn(async () => undefined) };
}

async function run(wanted: unknown, track: KeptTrack) {
  const captures = createCaptureKeeper();
  captures.wantProcessor('camera', wanted);
  const lines: string[] = [];
  const ctx = { captures, logger: { debug() {}, info: (t: string) => lines.push(t), warn: (t: string) => lines.push(t), error: (t: string) => lines.push(t) } } as unknown as ControllerContext;
  const dispatched: { type: string; payload?: unknown }[] = [];
  const state = { call: { ...createInitialCallState(), lostProcessors: { camera: { name: 'x', message: 'm', at: 1 } } } };
  const ok = await runSaga({ dispatch: (a: { type: string }) => dispatched.push(a), getState: () => state }, keepProcessor, ctx, 'camera', track).toPromise();
  return { ok, dispatched, lines };
}

describe('keepProcessor (real livekit-client LocalVideoTrack)', () => {
  it('sets the processor before the track goes out, and says a lost one is back', async () => {
    const media = new FakeCameraTrack();
    const track = new LocalVideoTrack(media as unknown as MediaStreamTrack, undefined, true);
    const blur = processor(async () => undefined);
    const { ok, dispatched } = await run(blur, track as unknown as KeptTrack);
    expect(ok).toBe(true);
    expect(track.getProcessor()).toBe(blur);
    expect(blur.init).toHaveBeenCalledTimes(1);
    expect(dispatched.map((a) => a.type)).toEqual([callActions.processorRestored.type]);
    expect(media.stop).not.toHaveBeenCalled();
  });

  it('a processor whose init rejects: the capture is stopped (no camera light, nothing to publish) and the loss is in state', async () => {
    const media = new FakeCameraTrack();
    const track = new LocalVideoTrack(media as unknown as MediaStreamTrack, undefined, true);
    const blur = processor(async () => {
      throw new Error('WebGL context lost');
    });
    const { ok, dispatched, lines } = await run(blur, track as unknown as KeptTrack);
    expect(ok).toBe(false);
    expect(track.getProcessor()).toBeUndefined();
    expect(media.stop).toHaveBeenCalled();
    expect(dispatched).toEqual([callActions.processorLost({ source: 'camera', name: 'background-blur', message: expect.stringContaining('WebGL context lost'), at: expect.any(Number) })]);
    expect(lines.join('\n')).toMatch(/camera processor could not be set again/);
  });

  it('the processor already on the track (a moved camera): nothing to do, init not called again', async () => {
    const media = new FakeCameraTrack();
    const track = new LocalVideoTrack(media as unknown as MediaStreamTrack, undefined, true);
    const blur = processor(async () => undefined);
    await track.setProcessor(blur);
    const { ok, dispatched } = await run(blur, track as unknown as KeptTrack);
    expect(ok).toBe(true);
    expect(blur.init).toHaveBeenCalledTimes(1);
    expect(dispatched).toEqual([]);
  });

  it('no processor wanted: the track goes as it is', async () => {
    const track = new LocalVideoTrack(new FakeCameraTrack() as unknown as MediaStreamTrack, undefined, true);
    const { ok, dispatched } = await run(undefined, track as unknown as KeptTrack);
    expect(ok).toBe(true);
    expect(dispatched).toEqual([]);
  });
});
