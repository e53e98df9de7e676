/** @jest-environment jsdom */
import './jsdom-polyfills';
import type { ReactNode } from 'react';
import { renderHook } from '@testing-library/react';
import { callActions } from '../../src';
import { useCallError, useCallRoom, useCallStatus, useCameraHealth, useMediaToggle, useRemoteMediaHealth, useVideoProfile } from '../../src/react';
import { FakeMediaWorld } from '../../src/testing';
import { createCallStore } from '../helpers/call-store';
import { actUi, advanceUi, CallProviders, joinUi, withFakeClock } from './render-with-call';

withFakeClock();

function renderCallHook<T>(hook: () => T, overrides: Parameters<typeof createCallStore>[0] = {}) {
  const t = createCallStore(overrides);
  const wrapper = ({ children }: { children: ReactNode }) => <CallProviders t={t}>{children}</CallProviders>;
  const view = renderHook(hook, { wrapper });
  return { ...t, view };
}

const toggleActions = (t: ReturnType<typeof createCallStore>) =>
  t.actions.filter((a) => /^call\/toggle(Camera|Microphone|ScreenShare)$/.test(a.type));

describe('useCallStatus / useCallError / useCallRoom', () => {
  it('follow the call from idle to connected, through an SDK reconnect, to failed', async () => {
    const t = renderCallHook(() => ({ status: useCallStatus(), error: useCallError(), room: useCallRoom() }), {
      maxReconnectAttempts: 0,
    });
    expect(t.view.result.current).toEqual({ status: 'idle', error: null, room: undefined });
    await joinUi(t);
    expect(t.view.result.current.status).toBe('connected');
    expect(t.view.result.current.room).toBe(t.rooms.last());

    await actUi(() => t.rooms.last().simulateReconnecting());
    expect(t.view.result.current.status).toBe('reconnecting');
    await actUi(() => t.rooms.last().simulateReconnected());
    expect(t.view.result.current.status).toBe('connected');

    await actUi(() => t.rooms.last().simulateDisconnected()); // SDK gave up; no forced reconnect allowed
    expect(t.view.result.current.status).toBe('failed');
    expect(t.view.result.current.error?.message).toMatch(/gave up/);
    expect(t.view.result.current.room).toBeUndefined();
  });
});

describe('useMediaToggle', () => {
  it('reports desired / enabled / pending / canToggle of its source', async () => {
    const t = renderCallHook(() => useMediaToggle('camera'), { toggleSettleMs: 700 });
    expect(t.view.result.current).toMatchObject({ enabled: false, desired: false, pending: false, canToggle: false });
    await joinUi(t);
    expect(t.view.result.current).toMatchObject({ enabled: false, desired: false, pending: false, canToggle: true });

    const participant = t.rooms.last().localParticipant;
    participant.defaultDelayMs = 200;
    await actUi(() => t.view.result.current.toggle());
    expect(t.view.result.current).toMatchObject({ enabled: false, desired: true, pending: true, canToggle: false });
    await advanceUi(200);
    expect(t.view.result.current).toMatchObject({ enabled: true, desired: true, pending: true, canToggle: false });
    await advanceUi(700);
    expect(t.view.result.current).toMatchObject({ enabled: true, desired: true, pending: false, canToggle: true });
    expect(participant.calls).toHaveLength(1);
  });

  it('a wish made before join is kept (no SDK call) and applied once connected', async () => {
    const t = renderCallHook(() => useMediaToggle('camera'));
    await actUi(() => t.view.result.current.toggle(true));
    expect(t.view.result.current).toMatchObject({ enabled: false, desired: true, canToggle: false });
    expect(t.rooms.rooms).toHaveLength(0);
    await joinUi(t);
    expect(t.view.result.current).toMatchObject({ enabled: true, desired: true });
    expect(t.rooms.last().localParticipant.calls).toEqual([expect.objectContaining({ source: 'camera', enabled: true })]);
  });

  it('toggle() dispatches the matching action: a boolean is the wish, anything else flips', async () => {
    const mic = renderCallHook(() => useMediaToggle('microphone'));
    await actUi(() => mic.view.result.current.toggle(true));
    expect(toggleActions(mic).at(-1)).toEqual(callActions.toggleMicrophone(true));
    await actUi(() => mic.view.result.current.toggle(false));
    expect(toggleActions(mic).at(-1)).toEqual(callActions.toggleMicrophone(false));
    // `onClick={toggle}` hands over an event object: it must not become the (unserializable) payload.
    await actUi(() => (mic.view.result.current.toggle as (x?: unknown) => void)({ type: 'click', target: {} }));
    expect(toggleActions(mic).at(-1)).toEqual({ type: 'call/toggleMicrophone', payload: undefined });

    const share = renderCallHook(() => useMediaToggle('screenShare'));
    await actUi(() => share.view.result.current.toggle());
    expect(toggleActions(share)).toEqual([{ type: 'call/toggleScreenShare', payload: undefined }]);
  });

  it('one toggle while connected is exactly one SDK call on the live participant', async () => {
    const t = renderCallHook(() => useMediaToggle('microphone'));
    await joinUi(t);
    const participant = t.rooms.last().localParticipant;
    await actUi(() => t.view.result.current.toggle());
    expect(participant.calls).toEqual([expect.objectContaining({ source: 'microphone', enabled: true })]);
    expect(t.view.result.current).toMatchObject({ enabled: true, desired: true, pending: true });
  });
});

describe('useVideoProfile', () => {
  it('gives profile and change, and setProfile dispatches setVideoProfile', async () => {
    const t = renderCallHook(() => useVideoProfile());
    expect(t.view.result.current.profile).toBe('hd');
    expect(t.view.result.current.change).toBeNull();
    await joinUi(t);

    await actUi(() => t.view.result.current.setProfile('stable'));
    expect(t.actions.filter((a) => a.type === callActions.setVideoProfile.type)).toEqual([callActions.setVideoProfile('stable')]);
    expect(t.view.result.current.profile).toBe('stable');
    expect(t.view.result.current.change).toEqual({ profile: 'stable', reason: 'user', at: Date.now() });
    expect(t.rooms.rooms).toHaveLength(2); // applied with a controlled reconnect
  });
});

describe('useRemoteMediaHealth / useCameraHealth', () => {
  it('follow the watchdog: ok until flagged, then stale, recovering and ok again', async () => {
    const media = new FakeMediaWorld();
    const bob = media.addRemote('bob');
    const t = renderCallHook(() => ({ bob: useRemoteMediaHealth('bob'), camera: useCameraHealth() }), { media, ttlSeconds: 24 * 3600 });
    await joinUi(t);
    expect(t.view.result.current.bob.health).toBe('ok');
    expect(t.view.result.current.camera).toBeNull();
    await advanceUi(2_000); // the watchdog's first samples of the new Room
    bob.break('remedy');
    await advanceUi(3_000);
    expect(t.view.result.current.bob.health).toBe('ok');
    await advanceUi(2_000);
    expect(t.view.result.current.bob.health).toBe('recovering');
    await advanceUi(2_000);
    expect(t.view.result.current.bob).toEqual(expect.objectContaining({ health: 'ok', trackSid: expect.stringMatching(/^TR_bob/) }));
  });
});
