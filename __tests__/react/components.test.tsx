/** @jest-environment jsdom */
import './jsdom-polyfills';
import { fireEvent, screen } from '@testing-library/react';
import { callActions } from '../../src';
import { MediaToggleButton, ReconnectingBanner, StableModeNotice } from '../../src/react';
import { actUi, advanceUi, dispatchUi, joinUi, renderWithCall, withFakeClock } from './render-with-call';

withFakeClock();

const statusText = () => screen.getByRole('status').textContent;

describe('ReconnectingBanner', () => {
  it('says "Reconnecting…" in a polite status region only while the SDK reconnects', async () => {
    const t = renderWithCall(<ReconnectingBanner />);
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(statusText()).toBe('');
    await joinUi(t);
    expect(statusText()).toBe('');

    await actUi(() => t.rooms.last().simulateReconnecting());
    expect(statusText()).toBe('Reconnecting…');
    expect(screen.getByText('Reconnecting…').className).toContain('lk-toast');
    // the same region, so screen readers hear the change
    expect(screen.getByRole('status')).toBe(region);

    await actUi(() => t.rooms.last().simulateReconnected());
    expect(statusText()).toBe('');
    expect(screen.queryByText('Reconnecting…')).toBeNull();
  });

  it('says "Connecting…" during the first connect', async () => {
    const t = renderWithCall(<ReconnectingBanner />);
    t.rooms.scriptConnect({ delayMs: 1_000 });
    await dispatchUi(t, callActions.join({ roomName: 'standup', participantIdentity: 'ann' }));
    expect(statusText()).toBe('Connecting…');
    await advanceUi(1_000);
    expect(statusText()).toBe('');

  });

  it('can leave the first connect silent and take its own words', async () => {
    const t = renderWithCall(<ReconnectingBanner showConnecting={false} labels={{ reconnecting: 'Wieder verbinden…' }} />);
    t.rooms.scriptConnect({ delayMs: 1_000 });
    await dispatchUi(t, callActions.join({ roomName: 'standup', participantIdentity: 'ann' }));
    expect(t.call().status).toBe('connecting');
    expect(statusText()).toBe('');
    await advanceUi(1_000);
    await actUi(() => t.rooms.last().simulateReconnecting());
    expect(statusText()).toBe('Wieder verbinden…');
  });

  it('shows an alert with the last error when the call failed', async () => {
    const t = renderWithCall(<ReconnectingBanner />, { maxReconnectAttempts: 0 });
    await joinUi(t);
    expect(screen.queryByRole('alert')).toBeNull();
    await actUi(() => t.rooms.last().simulateDisconnected());
    expect(t.call().status).toBe('failed');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe(`Call failed: ${t.call().lastError!.message}`);
    expect(alert.textContent).toMatch(/gave up after 0 forced reconnects/);
  });
});

describe('StableModeNotice', () => {
  it('is empty on hd; on stable it says why and "Back to HD" dispatches setVideoProfile("hd")', async () => {
    const t = renderWithCall(<StableModeNotice />);
    await joinUi(t);
    expect(statusText()).toBe('');
    expect(screen.queryByRole('button', { name: 'Back to HD' })).toBeNull();

    // What the negotiation fallback records (its real path is covered by the integration tests).
    await dispatchUi(t, callActions.profileChanged({ profile: 'stable', reason: 'negotiation-errors: 2 within 60000 ms', at: Date.now() }));
    expect(statusText()).toContain('Stable video mode on: HD video kept failing to connect');

    const back = screen.getByRole('button', { name: 'Back to HD' });
    expect(back.className).toContain('lk-button');
    fireEvent.click(back);
    await advanceUi(0);
    expect(t.actions.filter((a) => a.type === callActions.setVideoProfile.type)).toEqual([callActions.setVideoProfile('hd')]);
    expect(t.call().videoProfile).toBe('hd');
    expect(statusText()).toBe('');
  });

  it('names a user choice as the reason', async () => {
    const t = renderWithCall(<StableModeNotice />);
    await joinUi(t);
    await dispatchUi(t, callActions.setVideoProfile('stable'));
    expect(statusText()).toContain('Stable video mode on: you switched it on');
    expect(t.rooms.rooms).toHaveLength(2);
  });
});

describe('MediaToggleButton', () => {
  it('is disabled until connected, then one click is exactly one SDK call; locked (aria-disabled, aria-busy) while pending', async () => {
    const t = renderWithCall(<MediaToggleButton source="camera" />, { toggleSettleMs: 700 });
    const button = screen.getByRole('button', { name: 'Camera' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(button);
    expect(t.count('call/toggleCamera')).toBe(0);

    await joinUi(t);
    const participant = t.rooms.last().localParticipant;
    participant.defaultDelayMs = 300;
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('false');

    await actUi(() => fireEvent.click(button));
    expect(participant.calls).toHaveLength(1);
    expect(participant.calls[0]).toMatchObject({ source: 'camera', enabled: true });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // Still focusable while pending: not natively disabled, so focus is not lost.
    expect(button.disabled).toBe(false);

    await actUi(() => fireEvent.click(button));
    await actUi(() => fireEvent.click(button));
    expect(t.count('call/toggleCamera')).toBe(1);
    await advanceUi(300);
    expect(participant.isCameraEnabled).toBe(true);
    expect(button.getAttribute('data-lk-enabled')).toBe('true');
    expect(button.getAttribute('aria-busy')).toBe('true');
    await advanceUi(700);
    expect(button.getAttribute('aria-busy')).toBe('false');
    expect(button.getAttribute('aria-disabled')).toBe('false');
    expect(participant.calls).toHaveLength(1);

    await actUi(() => fireEvent.click(button));
    expect(participant.calls).toHaveLength(2);
    expect(participant.calls[1]).toMatchObject({ source: 'camera', enabled: false });
    expect(participant.maxConcurrent).toBe(1);
  });

  it('is disabled again while the SDK reconnects', async () => {
    const t = renderWithCall(<MediaToggleButton source="microphone" />);
    await joinUi(t);
    const button = screen.getByRole('button', { name: 'Microphone' }) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    await actUi(() => t.rooms.last().simulateReconnecting());
    expect(button.disabled).toBe(true);
    fireEvent.click(button);
    expect(t.count('call/toggleMicrophone')).toBe(0);
    await actUi(() => t.rooms.last().simulateReconnected());
    expect(button.disabled).toBe(false);
  });
});

describe('keyboard and names', () => {
  it('every control is a real, focusable <button> with an accessible name', async () => {
    const t = renderWithCall(
      <>
        <MediaToggleButton source="microphone" />
        <MediaToggleButton source="camera" />
        <MediaToggleButton source="screenShare" />
        <MediaToggleButton source="camera" label="Kamera">
          <svg aria-hidden="true" />
        </MediaToggleButton>
        <StableModeNotice />
      </>,
    );
    await joinUi(t);
    await dispatchUi(t, callActions.setVideoProfile('stable'));
    const names = ['Microphone', 'Camera', 'Share screen', 'Kamera', 'Back to HD'];
    for (const name of names) {
      const button = screen.getByRole('button', { name });
      expect(button.tagName).toBe('BUTTON');
      expect(button.getAttribute('type')).toBe('button');
      button.focus();
      expect(document.activeElement).toBe(button);
    }
    expect(screen.getByRole('button', { name: 'Share screen' }).getAttribute('data-lk-source')).toBe('screen_share');
  });
});
