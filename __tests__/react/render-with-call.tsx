import './jsdom-polyfills';
import type { ReactNode } from 'react';
import { act, render } from '@testing-library/react';
import { Provider } from 'react-redux';
import type { UnknownAction } from '@reduxjs/toolkit';
import { callActions, type JoinPayload } from '../../src';
import { CallRoomProvider } from '../../src/react';
import { advance, createCallStore, settle } from '../helpers/call-store';

export type CallHarness = ReturnType<typeof createCallStore>;

/** The store's Provider and the CallRoomProvider around `children`, as an app would mount them. */
export function CallProviders({ t, children }: { t: CallHarness; children?: ReactNode }) {
  return (
    <Provider store={t.store}>
      <CallRoomProvider controller={t.controller}>{children}</CallRoomProvider>
    </Provider>
  );
}

/** A whole store (real reducer, sagas, controller with the FakeRoom factory) with `ui` mounted in it. */
export function renderWithCall(ui: ReactNode, overrides: Parameters<typeof createCallStore>[0] = {}) {
  const t = createCallStore(overrides);
  const view = render(<CallProviders t={t}>{ui}</CallProviders>);
  return { ...t, view };
}

// Store updates re-render subscribed components: inside act() so React flushes them before we look.
export const settleUi = () => act(() => settle());
export const advanceUi = (ms: number) => act(() => advance(ms));
/** Runs `fn` (a dispatch, a hook's callback, an SDK cue) inside act, then lets the controller and React follow. */
export const actUi = async (fn: () => unknown) => {
  await act(async () => {
    fn();
  });
  await settleUi();
};
export const dispatchUi = (t: CallHarness, action: UnknownAction) => actUi(() => t.store.dispatch(action));

export async function joinUi(t: CallHarness, payload: Partial<JoinPayload> = {}) {
  await dispatchUi(t, callActions.join({ roomName: 'standup', participantIdentity: 'ann', ...payload }));
  expect(t.call().status).toBe('connected');
}

export function withFakeClock() {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-24T10:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}
