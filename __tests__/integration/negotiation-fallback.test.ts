import { LoggerNames, NegotiationError, getLogger } from 'livekit-client';
import { SDK_PUBLISH_RETRY_LINE } from '../../src/negotiation/sdk-retry-tap';
import { callActions, selectProfileChange, selectVideoProfile } from '../../src';
import { advance, createCallStore, settle, useFakeCallClock, createJoinedStore } from '../helpers/call-store';

useFakeCallClock();

const joined = createJoinedStore;

const negotiationFailure = () => new NegotiationError('negotiation timed out');

describe('NegotiationError window', () => {
  it('two inside the window → stable + one new Room with VP8, no simulcast, 720p', async () => {
    const t = await joined();
    const participant = t.rooms.last().localParticipant;
    participant.scriptToggle('camera', { error: negotiationFailure() }, { error: negotiationFailure() });
    t.store.dispatch(callActions.toggleCamera());
    await advance(5_000);
    expect(selectVideoProfile(t.store.getState())).toBe('hd');
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(1_000);
    expect(selectVideoProfile(t.store.getState())).toBe('stable');
    expect(selectProfileChange(t.store.getState())).toMatchObject({ profile: 'stable', at: Date.now() - 1_000 });
    expect(selectProfileChange(t.store.getState())!.reason).toMatch(/negotiation-errors/);
    expect(t.rooms.rooms).toHaveLength(2);
    const options = t.rooms.last().options;
    expect(options.publishDefaults).toMatchObject({ videoCodec: 'vp8', simulcast: false });
    expect(options.videoCaptureDefaults?.resolution).toMatchObject({ width: 1280, height: 720 });
    expect(t.call().lastReconnectReason).toMatch(/video-profile: stable/);
    // the wish survives the switch
    expect(t.rooms.last().localParticipant.isCameraEnabled).toBe(true);
    await advance(120_000);
    expect(t.rooms.rooms).toHaveLength(2);
  });

  it('SDK-surfaced and connect NegotiationErrors count too', async () => {
    const t = await joined();
    t.rooms.last().simulateMediaDevicesError(negotiationFailure());
    await settle();
    expect(t.call().negotiationErrors).toHaveLength(1);
    t.rooms.scriptConnect({ error: negotiationFailure() });
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(20_000);
    expect(selectVideoProfile(t.store.getState())).toBe('stable');
    expect(t.rooms.last().options.publishDefaults?.videoCodec).toBe('vp8');
    expect(t.call().status).toBe('connected');
  });

  it('the NegotiationError livekit-client swallows to retry a publish counts too (its log line is all there is)', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const t = await joined();
    const room = t.rooms.last();
    const participant = room.localParticipant;
    // The SDK's first failure is retried inside setCameraEnabled; only its second one rejects.
    participant.scriptToggle('camera', { error: negotiationFailure() });
    const sdkLog = getLogger(LoggerNames.Participant);
    sdkLog.warn(SDK_PUBLISH_RETRY_LINE, { room: 'another-room', participant: participant.identity, error: negotiationFailure() });
    sdkLog.warn(SDK_PUBLISH_RETRY_LINE, { room: room.name, participant: 'someone-else', error: negotiationFailure() });
    await settle();
    expect(t.call().negotiationErrors).toHaveLength(0);
    sdkLog.warn(SDK_PUBLISH_RETRY_LINE, { room: room.name, participant: participant.identity, error: negotiationFailure() });
    await settle();
    expect(t.call().negotiationErrors).toHaveLength(1);
    t.store.dispatch(callActions.toggleCamera(true));
    await advance(1_000);
    expect(selectVideoProfile(t.store.getState())).toBe('stable');
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.call().lastReconnectReason).toMatch(/video-profile: stable/);
    warn.mockRestore();
  });

  it('two far apart → no change', async () => {
    const t = await joined({ negotiationWindowMs: 60_000 });
    t.rooms.last().simulateMediaDevicesError(negotiationFailure());
    await advance(60_001);
    t.rooms.last().simulateMediaDevicesError(negotiationFailure());
    await advance(1_000);
    expect(selectVideoProfile(t.store.getState())).toBe('hd');
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.call().negotiationErrors).toHaveLength(1);
  });

  it('back to HD with setVideoProfile, and a new burst falls back again', async () => {
    const t = await joined({ reconnectCooldownMs: 1_000 });
    t.rooms.last().simulateMediaDevicesError(negotiationFailure());
    t.rooms.last().simulateMediaDevicesError(negotiationFailure());
    await advance(2_000);
    expect(selectVideoProfile(t.store.getState())).toBe('stable');
    expect(t.rooms.rooms).toHaveLength(2);

    t.store.dispatch(callActions.setVideoProfile('hd'));
    await advance(2_000);
    expect(selectVideoProfile(t.store.getState())).toBe('hd');
    expect(selectProfileChange(t.store.getState())).toMatchObject({ profile: 'hd', reason: 'user' });
    expect(t.rooms.rooms).toHaveLength(3);
    expect(t.rooms.last().options.publishDefaults).toMatchObject({ videoCodec: 'vp9', simulcast: true });

    t.rooms.last().simulateMediaDevicesError(negotiationFailure());
    t.rooms.last().simulateMediaDevicesError(negotiationFailure());
    await advance(2_000);
    expect(selectVideoProfile(t.store.getState())).toBe('stable');
    expect(t.rooms.rooms).toHaveLength(4);
  });

  it('setVideoProfile before join only records the profile; the first Room uses it', async () => {
    const t = createCallStore();
    t.store.dispatch(callActions.setVideoProfile('stable'));
    t.store.dispatch(callActions.join({ roomName: 'r' }));
    await settle();
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.rooms.last().options.publishDefaults?.videoCodec).toBe('vp8');
  });

  it('setVideoProfile to the profile in use does nothing', async () => {
    const t = await joined();
    t.store.dispatch(callActions.setVideoProfile('hd'));
    await advance(1_000);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.count(callActions.profileChanged.type)).toBe(0);
  });
});
