/** @jest-environment jsdom */
import './jsdom-polyfills';
import { fireEvent, screen } from '@testing-library/react';
import { callActions } from '../../src';
import { MediaToggleButton, useMediaToggle } from '../../src/react';
import { actUi, advanceUi, dispatchUi, joinUi, renderWithCall, withFakeClock } from './render-with-call';

withFakeClock();

function ShareState() {
  const { blockedReason } = useMediaToggle('screenShare');
  return <output aria-label="share state">{blockedReason ?? 'none'}</output>;
}

describe('screen share after a reconnect: "Share again"', () => {
  it('the toggle is named "Share again" while the share waits for a click; the click asks for it and the name returns', async () => {
    const t = renderWithCall(
      <>
        <MediaToggleButton source="screenShare" />
        <ShareState />
      </>,
    );
    await joinUi(t);
    fireEvent.click(screen.getByRole('button', { name: 'Share screen' }));
    await advanceUi(1_000);
    expect(t.rooms.last().localParticipant.isScreenShareEnabled).toBe(true);

    // The capture ended (a live one would be moved to the new Room without a click).
    t.rooms.last().localParticipant.publicationOf('screenShare')!.track!.end();
    await dispatchUi(t, callActions.forceReconnect({ reason: 'test' }));
    await advanceUi(5_000);
    expect(t.rooms.rooms).toHaveLength(2);
    expect(screen.getByLabelText('share state').textContent).toBe('needs-gesture');
    const again = screen.getByRole('button', { name: 'Share again' });
    expect(again.getAttribute('aria-pressed')).toBe('false');
    expect(again.getAttribute('data-rlc-blocked')).toBe('needs-gesture');

    await actUi(() => fireEvent.click(again));
    await advanceUi(1_000);
    expect(t.actions.filter((a) => a.type === 'call/toggleScreenShare').at(-1)).toEqual(callActions.toggleScreenShare(true));
    expect(t.rooms.last().localParticipant.isScreenShareEnabled).toBe(true);
    expect(screen.getByRole('button', { name: 'Share screen' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByLabelText('share state').textContent).toBe('none');
  });

  it('camera and microphone never report a blocked reason', async () => {
    const t = renderWithCall(<MediaToggleButton source="camera" againLabel="unused" />);
    await joinUi(t);
    await dispatchUi(t, callActions.forceReconnect({ reason: 'test' }));
    await advanceUi(5_000);
    expect(screen.getByRole('button', { name: 'Camera' }).getAttribute('data-rlc-blocked')).toBeNull();
  });
});
