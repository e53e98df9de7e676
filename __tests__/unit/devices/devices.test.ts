import { deviceChanges } from '../../../src/devices/device-presence';
import { roomOptionsWithSetup } from '../../../src/devices/room-setup-options';
import { roomOptionsForProfile } from '../../../src';

const none = { videoinput: null, audioinput: null, audiooutput: null };

describe('deviceChanges', () => {
  const listed = [
    { kind: 'videoinput', deviceId: 'cam-1' },
    { kind: 'audioinput', deviceId: 'mic-1' },
  ];
  it('a chosen device not listed is lost once; listed again it is back', () => {
    const devices = { ...none, videoinput: 'cam-2' };
    expect(deviceChanges(devices, {}, listed)).toEqual([{ kind: 'videoinput', deviceId: 'cam-2', change: 'lost' }]);
    expect(deviceChanges(devices, { videoinput: 'cam-2' }, listed)).toEqual([]);
    expect(deviceChanges(devices, { videoinput: 'cam-2' }, [...listed, { kind: 'videoinput', deviceId: 'cam-2' }])).toEqual([{ kind: 'videoinput', deviceId: 'cam-2', change: 'back' }]);
  });
  it('the default is never lost; a list without ids (no permission yet) says nothing', () => {
    expect(deviceChanges(none, {}, listed)).toEqual([]);
    expect(deviceChanges({ ...none, audiooutput: 'spk-2' }, {}, [{ kind: 'audiooutput', deviceId: '' }])).toEqual([]);
  });
});

describe('roomOptionsWithSetup', () => {
  it("puts the chosen devices into the Room's capture defaults, keeps the profile's, and no processor (the library sets it itself)", () => {
    const options = roomOptionsWithSetup(roomOptionsForProfile('stable'), { devices: { videoinput: 'cam-2', audioinput: 'mic-3', audiooutput: 'spk-2' } });
    expect(options.videoCaptureDefaults).toMatchObject({ deviceId: 'cam-2', resolution: { height: 720 } });
    expect(options.videoCaptureDefaults).not.toHaveProperty('processor');
    expect(options.audioCaptureDefaults).toMatchObject({ deviceId: 'mic-3' });
    expect(options.audioCaptureDefaults).not.toHaveProperty('processor');
    expect(options.audioOutput).toEqual({ deviceId: 'spk-2' });
    expect(options.stopLocalTrackOnUnpublish).toBe(false);
    expect(options.publishDefaults).toMatchObject({ videoCodec: 'vp8', simulcast: false });
  });
  it('no choice: no deviceId (the browser default), no audioOutput', () => {
    const options = roomOptionsWithSetup(roomOptionsForProfile('hd'), { devices: none });
    expect(options.videoCaptureDefaults?.deviceId).toBeUndefined();
    expect(options.audioOutput).toBeUndefined();
  });
});
