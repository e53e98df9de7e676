import { ConnectionQuality, NegotiationError, RoomEvent } from 'livekit-client';
import { callActions, selectHdOfferedAt, selectProfileChange, selectQualityTroubleSince, selectVideoProfile } from '../../src';
import { advance, createJoinedStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

const BASE = 60_000;
type Harness = Awaited<ReturnType<typeof createJoinedStore>>;
const joined = (overrides: Parameters<typeof createJoinedStore>[0] = {}) =>
  createJoinedStore({ poorQualityMs: 10_000, hdRetryAfterMs: BASE, reconnectCooldownMs: 1_000, ...overrides });

const report = async (t: Harness, quality: ConnectionQuality) => {
  t.rooms.last().simulateConnectionQuality(quality);
  await settle();
};
const profile = (t: Harness) => selectVideoProfile(t.store.getState());
const reason = (t: Harness) => selectProfileChange(t.store.getState())?.reason;
const offeredAt = (t: Harness) => selectHdOfferedAt(t.store.getState());
const codec = (t: Harness) => t.rooms.last().options.publishDefaults?.videoCodec;

/** Poor on HD: still HD 1 ms before `afterMs`, stable at it. */
async function poorFallsBackAfter(t: Harness, afterMs: number) {
  await report(t, ConnectionQuality.Poor);
  await advance(afterMs - 1);
  expect(profile(t)).toBe('hd');
  await advance(1);
  expect(profile(t)).toBe('stable');
}

/** Poor on HD for poorQualityMs → stable on a new Room that then reports good. */
async function fallBack(t: Harness) {
  await report(t, ConnectionQuality.Poor);
  await advance(10_000);
  expect(profile(t)).toBe('stable');
  await advance(1_000);
  expect(codec(t)).toBe('vp8');
  await report(t, ConnectionQuality.Good);
}

describe('quality-driven fallback to stable', () => {
  it('poor for poorQualityMs on hd → stable, one controlled reconnect, the quality reason', async () => {
    const t = await joined();
    await report(t, ConnectionQuality.Good);
    await report(t, ConnectionQuality.Poor);
    expect(t.count(callActions.connectionQualityTrouble.type)).toBe(1);
    expect(selectQualityTroubleSince(t.store.getState())).toBe(Date.now());
    await poorFallsBackAfter(t, 10_000); // a repeated poor grade changes nothing
    expect(reason(t)).toBe('quality: poor for 10000 ms');
    expect(t.actions.filter((a) => a.type === callActions.reconnectRequested.type)).toEqual([callActions.reconnectRequested({ reason: 'video-profile: stable (quality)' })]);
    await advance(1_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(codec(t)).toBe('vp8');
    // The new Room has said nothing yet: the old Room's trouble is closed, not carried over.
    expect(selectQualityTroubleSince(t.store.getState())).toBeNull();
    expect(t.rooms.leaks().strayListeners).toBe(0);
    await advance(120_000);
    expect(t.rooms.rooms).toHaveLength(2);
  });

  it('lost counts as trouble; poor ↔ lost inside one trouble is one trouble', async () => {
    const t = await joined();
    await report(t, ConnectionQuality.Lost);
    await advance(4_000);
    await report(t, ConnectionQuality.Poor);
    await advance(6_000);
    expect(t.count(callActions.connectionQualityTrouble.type)).toBe(1);
    expect(reason(t)).toBe('quality: poor for 10000 ms');
  });

  it('a blip shorter than poorQualityMs changes nothing; unknown neither starts nor ends trouble', async () => {
    const t = await joined();
    await report(t, ConnectionQuality.Poor);
    await advance(5_000);
    await report(t, ConnectionQuality.Unknown);
    await advance(4_000);
    await report(t, ConnectionQuality.Excellent);
    expect(t.count(callActions.connectionQualityRecovered.type)).toBe(1);
    expect(selectQualityTroubleSince(t.store.getState())).toBeNull();
    await report(t, ConnectionQuality.Unknown);
    await advance(60_000);
    expect(profile(t)).toBe('hd');
    expect(t.rooms.rooms).toHaveLength(1);
  });

  it('none when already stable (the user chose it)', async () => {
    const t = await joined();
    t.store.dispatch(callActions.setVideoProfile('stable'));
    await advance(1_000);
    await report(t, ConnectionQuality.Poor);
    await advance(60_000);
    expect(reason(t)).toBe('user');
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.count(callActions.profileChanged.type)).toBe(1);
  });

  it('none while not connected; a trouble still standing when the resume ends counts', async () => {
    const t = await joined();
    await report(t, ConnectionQuality.Poor);
    t.rooms.last().simulateReconnecting();
    await advance(20_000); // the SDK's own resume (under sdkReconnectTimeoutMs): the same Room
    expect(profile(t)).toBe('hd');
    expect(t.rooms.rooms).toHaveLength(1);
    t.rooms.last().simulateReconnected();
    await settle();
    expect(profile(t)).toBe('stable');
    expect(reason(t)).toBe('quality: poor for 20000 ms');
  });

  it('0 dispatches and no fallback for 1,000 good/excellent reports, or for other participants’ poor ones', async () => {
    const t = await joined();
    const before = t.actions.length;
    const room = t.rooms.last();
    for (let i = 0; i < 1_000; i++) room.simulateConnectionQuality(i % 2 ? ConnectionQuality.Good : ConnectionQuality.Excellent);
    for (let i = 0; i < 50; i++) room.emit(RoomEvent.ConnectionQualityChanged, ConnectionQuality.Poor, { identity: 'bob' });
    room.emitChattyEvents(600);
    await advance(60_000);
    expect(t.actions.length).toBe(before);
    // …while the listener is there: the first poor report is one dispatch.
    await report(t, ConnectionQuality.Poor);
    expect(t.actions.slice(before).map((a) => a.type)).toEqual([callActions.connectionQualityTrouble.type]);
  });

  it('a trouble on a replaced Room ends with it (no fallback from what an old Room said)', async () => {
    const t = await joined();
    await report(t, ConnectionQuality.Poor);
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await advance(2_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.actions.filter((a) => a.type === callActions.connectionQualityRecovered.type).map((a) => (a.payload as { quality: string }).quality)).toEqual(['unknown']);
    await advance(20_000);
    expect(profile(t)).toBe('hd');
  });
});

describe('HD offered back after a quality fallback', () => {
  it('healthy for hdRetryAfterMs on stable → hdOffered, no reconnect; Back to HD accepts it', async () => {
    const t = await joined();
    await fallBack(t);
    await advance(BASE - 1);
    expect(offeredAt(t)).toBeNull();
    await advance(1);
    expect(offeredAt(t)).toBe(Date.now());
    expect(t.actions.filter((a) => a.type === callActions.hdOffered.type).map((a) => a.payload)).toEqual([{ at: Date.now(), healthyForMs: BASE }]);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(profile(t)).toBe('stable');
    await advance(10 * BASE);
    expect(t.count(callActions.hdOffered.type)).toBe(1);
    t.store.dispatch(callActions.setVideoProfile('hd'));
    await advance(2_000);
    expect(profile(t)).toBe('hd');
    expect(offeredAt(t)).toBeNull();
    expect(codec(t)).toBe('vp9');
  });

  it('the healthy window needs a good report, and trouble on stable starts it over', async () => {
    const t = await joined();
    await report(t, ConnectionQuality.Poor);
    await advance(11_000);
    expect(codec(t)).toBe('vp8');
    await advance(3 * BASE); // the new Room has said nothing yet
    expect(offeredAt(t)).toBeNull();
    await report(t, ConnectionQuality.Good);
    await advance(BASE / 2);
    await report(t, ConnectionQuality.Poor);
    await advance(BASE);
    await report(t, ConnectionQuality.Good);
    await advance(BASE - 1);
    expect(offeredAt(t)).toBeNull();
    await advance(1);
    expect(offeredAt(t)).not.toBeNull();
  });

  it('a report of the stable Room still in use while the return waits for its reconnect does not count for HD', async () => {
    const t = await joined({ hdRetry: 'auto', hdRetryAfterMs: 3_000, reconnectCooldownMs: 15_000 });
    // Two forced reconnects in a row go at once; the third (the return) waits out the cooldown.
    t.store.dispatch(callActions.forceReconnect({ reason: 'test' }));
    await settle();
    await fallBack(t);
    await advance(3_000);
    expect(profile(t)).toBe('hd');
    expect(t.rooms.rooms).toHaveLength(3);
    expect(codec(t)).toBe('vp8');
    await report(t, ConnectionQuality.Poor);
    await advance(5_000);
    expect(profile(t)).toBe('hd');
    await advance(10_000);
    expect(codec(t)).toBe('vp9');
    expect(profile(t)).toBe('hd');
    expect(t.count(callActions.profileChanged.type)).toBe(2);
  });

  it("hdRetry: 'auto' returns to HD by itself with one reconnect", async () => {
    const t = await joined({ hdRetry: 'auto' });
    await fallBack(t);
    await advance(BASE);
    expect(profile(t)).toBe('hd');
    expect(reason(t)).toBe(`quality-restored: healthy for ${BASE} ms`);
    expect(t.call().lastReconnectReason).toBe('video-profile: hd (quality-restored)');
    await advance(2_000);
    expect(t.rooms.rooms).toHaveLength(3);
    expect(codec(t)).toBe('vp9');
    expect(t.count(callActions.hdOffered.type)).toBe(0);
  });

  it('trouble inside the probation after a return falls back at once, and the next window doubles', async () => {
    const t = await joined({ hdRetry: 'auto' });
    await fallBack(t);
    await advance(BASE + 2_000);
    expect(codec(t)).toBe('vp9');
    await report(t, ConnectionQuality.Poor);
    expect(profile(t)).toBe('stable');
    expect(reason(t)).toMatch(/^quality: poor again after the return to HD/);
    await advance(2_000);
    await report(t, ConnectionQuality.Good);
    await advance(BASE);
    expect(profile(t)).toBe('stable');
    await advance(BASE);
    expect(profile(t)).toBe('hd');
  });

  it('an accepted offer is on probation too; a return that survives it is judged by poorQualityMs again', async () => {
    const t = await joined();
    await fallBack(t);
    await advance(BASE);
    t.store.dispatch(callActions.setVideoProfile('hd'));
    await advance(2_000);
    await report(t, ConnectionQuality.Poor);
    expect(profile(t)).toBe('stable');

    await report(t, ConnectionQuality.Good);
    await advance(2_000);
    await report(t, ConnectionQuality.Good);
    await advance(2 * BASE);
    expect(offeredAt(t)).not.toBeNull();
    t.store.dispatch(callActions.setVideoProfile('hd'));
    await advance(BASE + 2_000);
    await poorFallsBackAfter(t, 10_000);
  });

  it('the user’s own Back to HD works any time and is no probation', async () => {
    const t = await joined();
    await fallBack(t);
    await advance(1_000);
    t.store.dispatch(callActions.setVideoProfile('hd'));
    await advance(2_000);
    expect(profile(t)).toBe('hd');
    expect(codec(t)).toBe('vp9');
    await poorFallsBackAfter(t, 10_000);
  });

  it('dismissHdOffer withdraws the offer and doubles the next window (from the dismissal)', async () => {
    const t = await joined();
    await fallBack(t);
    await advance(BASE);
    t.store.dispatch(callActions.dismissHdOffer());
    await settle();
    expect(offeredAt(t)).toBeNull();
    await advance(2 * BASE - 1);
    expect(offeredAt(t)).toBeNull();
    await advance(1);
    expect(offeredAt(t)).not.toBeNull();
  });

  it('no offer after the NegotiationError fallback or the user’s stable', async () => {
    const t = await joined();
    t.rooms.last().simulateMediaDevicesError(new NegotiationError('negotiation timed out'));
    t.rooms.last().simulateMediaDevicesError(new NegotiationError('negotiation timed out'));
    await advance(2_000);
    expect(reason(t)).toMatch(/^negotiation-errors/);
    await report(t, ConnectionQuality.Excellent);
    await advance(20 * BASE);
    expect(t.count(callActions.hdOffered.type)).toBe(0);
    t.store.dispatch(callActions.setVideoProfile('hd'));
    t.store.dispatch(callActions.setVideoProfile('stable'));
    await advance(2_000);
    await report(t, ConnectionQuality.Excellent);
    await advance(20 * BASE);
    expect(t.count(callActions.hdOffered.type)).toBe(0);
  });

  it('leave + join start the hysteresis over; a stable left by quality is still offered back', async () => {
    const t = await joined();
    await fallBack(t);
    await advance(BASE);
    t.store.dispatch(callActions.dismissHdOffer()); // the next window would be 2×
    t.store.dispatch(callActions.leave());
    await advance(2_000);
    t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
    await settle();
    expect(codec(t)).toBe('vp8');
    expect(offeredAt(t)).toBeNull();
    await report(t, ConnectionQuality.Good);
    await advance(BASE);
    expect(offeredAt(t)).not.toBeNull();
  });
});

it('flapping quality for hours: quality reconnects stay within what the hysteresis allows', async () => {
  const t = await joined({ hdRetry: 'auto' });
  // 75 s good, 15 s poor, for 3 hours. The first return meets trouble inside its probation;
  // after that the window is 2 × 60 s, longer than any good stretch.
  for (let cycle = 0; cycle < 120; cycle++) {
    await report(t, ConnectionQuality.Good);
    await advance(75_000);
    await report(t, ConnectionQuality.Poor);
    await advance(15_000);
  }
  const reasons = t.actions.filter((a) => a.type === callActions.reconnectRequested.type).map((a) => (a.payload as { reason: string }).reason);
  expect(reasons).toEqual(['video-profile: stable (quality)', 'video-profile: hd (quality-restored)', 'video-profile: stable (quality)']);
});
