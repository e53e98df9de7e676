/** @jest-environment jsdom */
import './jsdom-polyfills';
import { fireEvent, screen } from '@testing-library/react';
import { ConnectionQuality } from 'livekit-client';
import { callActions } from '../../src';
import { StableModeNotice, describeProfileChange } from '../../src/react';
import { actUi, advanceUi, joinUi, renderWithCall, withFakeClock, type CallHarness } from './render-with-call';

withFakeClock();

const statusText = () => screen.getByRole('status').textContent;
const report = (t: CallHarness, quality: ConnectionQuality) => actUi(() => t.rooms.last().simulateConnectionQuality(quality));
const options = { poorQualityMs: 10_000, hdRetryAfterMs: 60_000 };

/** The real path: poor on HD for poorQualityMs, then a new stable Room that reports good. */
async function fallBack(t: CallHarness) {
  await joinUi(t);
  await report(t, ConnectionQuality.Poor);
  await advanceUi(11_000);
  expect(t.call().videoProfile).toBe('stable');
  await report(t, ConnectionQuality.Good);
}

describe('StableModeNotice after a quality fallback', () => {
  it('names the poor connection as the reason; no offer yet', async () => {
    const t = renderWithCall(<StableModeNotice />, options);
    await fallBack(t);
    expect(statusText()).toContain('Stable video mode on: the connection was too poor for HD');
    expect(statusText()).not.toContain('available again');
    expect(screen.getByRole('button', { name: 'Back to HD' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Not now' })).toBeNull();
  });

  it('says "HD video is available again" when offered; "Not now" dispatches dismissHdOffer', async () => {
    const t = renderWithCall(<StableModeNotice />, options);
    await fallBack(t);
    await advanceUi(60_000);
    expect(statusText()).toContain('the connection was too poor for HD. HD video is available again');
    expect(screen.getByRole('status').getAttribute('data-rlc-hd-offered')).toBe('true');
    const dismiss = screen.getByRole('button', { name: 'Not now' });
    expect(dismiss.className).toContain('lk-button');
    await actUi(() => fireEvent.click(dismiss));
    expect(t.count(callActions.dismissHdOffer.type)).toBe(1);
    expect(t.call().quality.hdOfferedAt).toBeNull();
    expect(statusText()).not.toContain('available again');
    expect(statusText()).toContain('Stable video mode on');
    expect(t.call().videoProfile).toBe('stable');
  });

  it('"Back to HD" on the offer goes back to HD and the notice empties', async () => {
    const t = renderWithCall(<StableModeNotice />, options);
    await fallBack(t);
    await advanceUi(60_000);
    await actUi(() => fireEvent.click(screen.getByRole('button', { name: 'Back to HD' })));
    await advanceUi(2_000);
    expect(t.call().videoProfile).toBe('hd');
    expect(statusText()).toBe('');
  });

  it('holds the offer back while the quality is poor again', async () => {
    const t = renderWithCall(<StableModeNotice />, options);
    await fallBack(t);
    await advanceUi(60_000);
    await report(t, ConnectionQuality.Poor);
    expect(t.call().quality.hdOfferedAt).not.toBeNull();
    expect(statusText()).not.toContain('available again');
    expect(screen.queryByRole('button', { name: 'Not now' })).toBeNull();
    await report(t, ConnectionQuality.Good);
    expect(statusText()).toContain('available again');
  });

  it('takes its own words', async () => {
    const t = renderWithCall(<StableModeNotice labels={{ quality: 'weak network', hdAvailable: 'HD is back', dismissOffer: 'Stay' }} />, options);
    await fallBack(t);
    await advanceUi(60_000);
    expect(statusText()).toContain('Stable video mode on: weak network. HD is back');
    expect(screen.getByRole('button', { name: 'Stay' })).toBeTruthy();
  });
});

describe('describeProfileChange', () => {
  it('knows the quality fallback, and keeps working with labels written before it existed', () => {
    const change = { profile: 'stable' as const, reason: 'quality: lost for 12000 ms', at: 0 };
    expect(describeProfileChange(change)).toBe('the connection was too poor for HD');
    expect(describeProfileChange(change, { user: 'u', negotiation: 'n' })).toBe('the connection was too poor for HD');
    expect(describeProfileChange({ ...change, profile: 'hd', reason: 'quality-restored: healthy for 1 ms' })).toBeNull();
  });
});
