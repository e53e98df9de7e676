/** @jest-environment jsdom */
import './jsdom-polyfills';
import type { ReactNode } from 'react';
import { renderHook } from '@testing-library/react';
import type { E2EEOptions } from 'livekit-client';
import { useE2EEStatus } from '../../src/react';
import { asE2EERoom } from '../../src/testing';
import { createCallStore } from '../helpers/call-store';
import { actUi, CallProviders, joinUi, withFakeClock } from './render-with-call';

withFakeClock();

// The Room double does not use them; the controller only passes them on to every Room.
const e2ee = { keyProvider: { listeners: () => [], off: () => undefined }, worker: {} } as unknown as E2EEOptions;

function renderE2EEHook(overrides: Parameters<typeof createCallStore>[0] = {}) {
  const t = createCallStore(overrides);
  let renders = 0;
  const wrapper = ({ children }: { children: ReactNode }) => <CallProviders t={t}>{children}</CallProviders>;
  const view = renderHook(() => (renders++, useE2EEStatus()), { wrapper });
  return { ...t, view, renders: () => renders };
}

describe('useE2EEStatus', () => {
  it('configured from the start, encrypted once the Room is, undecryptable remotes, all off when our own encryption fails', async () => {
    const t = renderE2EEHook({ e2ee });
    expect(t.view.result.current).toEqual({ configured: true, encrypted: false, undecryptable: [] });
    await joinUi(t);
    expect(t.view.result.current).toEqual({ configured: true, encrypted: true, undecryptable: [] });

    const room = asE2EERoom(t.rooms.last());
    const before = t.renders();
    await actUi(() => room.emitChattyEvents(20));
    expect(t.renders()).toBe(before); // unrelated news: no re-render
    await actUi(() => room.simulateEncryptionError(new Error('DecryptionFailure'), 'bob'));
    expect(t.view.result.current.undecryptable).toEqual(['bob']);

    await actUi(() => room.simulateEncryptionError(new Error('MissingKey: ours'), 'local'));
    expect(t.view.result.current).toEqual({ configured: true, encrypted: false, undecryptable: [] });
    expect(t.call().status).toBe('failed');
  });

  it('without e2ee: not configured, never encrypted', async () => {
    const t = renderE2EEHook();
    await joinUi(t);
    expect(t.view.result.current).toEqual({ configured: false, encrypted: false, undecryptable: [] });
  });
});
