/** @jest-environment jsdom */
import './jsdom-polyfills';
import { useState } from 'react';
import { act, fireEvent, screen } from '@testing-library/react';
import { MediaDeviceMenu, TrackToggle, useChat, useConnectionState, useLocalParticipant, useTrackToggle, useTracks, VideoConference } from '@livekit/components-react';
import { ConnectionState, Track } from 'livekit-client';
import { callActions } from '../../src';
import { actUi, advanceUi, dispatchUi, joinUi, renderWithCall, settleUi, withFakeClock } from './render-with-call';
import { expectControlsShowPublished, InCall, leaveButton, trackToggle, withMediaDevices } from './livekit-ui';

withFakeClock();
withMediaDevices([
  { kind: 'videoinput', deviceId: 'cam-1', label: 'Front camera' },
  { kind: 'videoinput', deviceId: 'cam-2', label: 'Desk camera' },
]);

describe("ControlBar's leave button is callActions.leave()", () => {
  it('ends the call: disconnected with CLIENT_INITIATED, token refresh stopped, no reconnect', async () => {
    const t = renderWithCall(
      <InCall>
        <VideoConference />
      </InCall>,
    );
    await joinUi(t);
    const room = t.rooms.last();
    const fetches = t.tokens.fetches.length;

    await actUi(() => fireEvent.click(leaveButton()));
    expect(t.count(callActions.leave.type)).toBe(1);
    expect(t.call()).toMatchObject({ status: 'disconnected', disconnectReason: 'CLIENT_INITIATED' });
    expect(room.state).toBe(ConnectionState.Disconnected);
    expect(leaveButton()).toBeNull(); // no Room: nothing Room-bound is rendered

    await advanceUi(15 * 60_000); // past the token's refresh time and any reconnect schedule
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.tokens.fetches).toHaveLength(fetches);
    expect(t.rooms.leaks().liveRooms).toBe(0);
    // The Room has its own methods back.
    expect(Object.prototype.hasOwnProperty.call(room, 'disconnect')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(room.localParticipant, 'setCameraEnabled')).toBe(false);
  });

  it('pressed while a controlled reconnect lets go of the old Room: the call ends, no new Room is built', async () => {
    const t = renderWithCall(
      <InCall>
        <VideoConference />
      </InCall>,
    );
    await joinUi(t);
    const old = t.rooms.last();
    old.disconnectDelayMs = 3_000; // a Room stuck mid-restart is slow to go
    await dispatchUi(t, callActions.forceReconnect({ reason: 'test' }));
    expect(t.call().status).toBe('reconnecting');
    expect(t.controller.getRoom()).toBe(old); // still the Room in the context

    await actUi(() => fireEvent.click(leaveButton()));
    await advanceUi(10_000);
    expect(t.rooms.rooms).toHaveLength(1);
    expect(t.call()).toMatchObject({ status: 'disconnected', disconnectReason: 'CLIENT_INITIATED' });
    expect(old.state).toBe(ConnectionState.Disconnected);
  });
});

describe("MediaDeviceMenu's picks are the call's devices", () => {
  it('a pick in the menu becomes state.call.devices, and the next Room starts on it', async () => {
    const t = renderWithCall(
      <InCall>
        <MediaDeviceMenu kind="videoinput">Cameras</MediaDeviceMenu>
      </InCall>,
    );
    await joinUi(t);
    await actUi(() => fireEvent.click(screen.getByRole('button', { name: 'Cameras' })));
    await actUi(() => fireEvent.click(screen.getByRole('button', { name: 'Desk camera' })));
    expect(t.call().devices).toEqual({ videoinput: 'cam-2', audioinput: null, audiooutput: null });
    expect(t.rooms.last().activeDevices.get('videoinput')).toBe('cam-2');

    await dispatchUi(t, callActions.forceReconnect({ reason: 'test' }));
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.rooms.last().getActiveDevice('videoinput')).toBe('cam-2');
    expect(t.call().devices.videoinput).toBe('cam-2');
  });
});

/** What components-react's hooks say, side by side with the Room double's truth. */
function HooksProbe() {
  const state = useConnectionState();
  const { isCameraEnabled, localParticipant } = useLocalParticipant();
  const cameras = useTracks([Track.Source.Camera], { onlySubscribed: false }).filter((ref) => ref.participant === localParticipant);
  const { enabled, pending } = useTrackToggle({ source: Track.Source.Camera });
  return <output aria-label="hooks">{JSON.stringify({ state, isCameraEnabled, cameraTracks: cameras.length, enabled, pending })}</output>;
}
const hooks = () => JSON.parse(screen.getByRole('status', { name: 'hooks' }).textContent ?? '{}');

describe('components-react hooks tell the truth across reconnects', () => {
  it('useConnectionState, useLocalParticipant, useTracks and useTrackToggle during and after an SDK reconnect and a Room swap', async () => {
    const t = renderWithCall(
      <InCall>
        <HooksProbe />
        <TrackToggle source={Track.Source.Camera}>Camera</TrackToggle>
      </InCall>,
    );
    await joinUi(t);
    await actUi(() => fireEvent.click(trackToggle('camera')));
    await advanceUi(700);
    await settleUi();
    expect(hooks()).toEqual({ state: 'connected', isCameraEnabled: true, cameraTracks: 1, enabled: true, pending: false });

    await actUi(() => t.rooms.last().simulateReconnecting());
    expect(hooks()).toMatchObject({ state: 'reconnecting', isCameraEnabled: true, enabled: true });
    await actUi(() => fireEvent.click(trackToggle('camera'))); // off, once the SDK is back
    expect(hooks()).toMatchObject({ enabled: true, pending: false }); // pending is per hook: the probe did not click
    expect(trackToggle('camera').disabled).toBe(true); // the TrackToggle that did shows it
    await actUi(() => t.rooms.last().simulateReconnected());
    await advanceUi(700);
    await settleUi();
    expect(hooks()).toEqual({ state: 'connected', isCameraEnabled: false, cameraTracks: 1, enabled: false, pending: false });

    // A controlled reconnect: the hooks move to the new Room and read its state.
    await actUi(() => fireEvent.click(trackToggle('camera')));
    await advanceUi(700);
    await dispatchUi(t, callActions.forceReconnect({ reason: 'test' }));
    await advanceUi(700);
    await settleUi();
    expect(t.rooms.rooms).toHaveLength(2);
    expect(t.rooms.last().localParticipant.isCameraEnabled).toBe(true);
    expect(hooks()).toEqual({ state: 'connected', isCameraEnabled: true, cameraTracks: 1, enabled: true, pending: false });
    expectControlsShowPublished(t.rooms.last(), ['camera']);
  });
});

function ChatProbe() {
  const { chatMessages, send } = useChat();
  const [n, setN] = useState(0);
  return (
    <>
      <button type="button" onClick={() => void send(`message ${n}`).then(() => setN(n + 1))}>send</button>
      <output aria-label="chat">{chatMessages.map((m) => m.message).join('|')}</output>
    </>
  );
}

describe("components-core's chat across a Room swap", () => {
  it('keeps working on the new Room; its message list is per Room and starts empty there', async () => {
    const t = renderWithCall(
      <InCall>
        <ChatProbe />
      </InCall>,
    );
    await joinUi(t);
    const first = t.rooms.last();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'send' })));
    await settleUi();
    expect(screen.getByRole('status', { name: 'chat' }).textContent).toBe('message 0');
    expect(first.textStreamHandlers.size).toBe(1);

    await dispatchUi(t, callActions.forceReconnect({ reason: 'test' }));
    const second = t.rooms.last();
    expect(second).not.toBe(first);
    expect(screen.getByRole('status', { name: 'chat' }).textContent).toBe('');
    expect(first.textStreamHandlers.size).toBe(0); // let go of with the old Room's Disconnected
    expect(second.textStreamHandlers.size).toBe(1);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'send' })));
    await settleUi();
    expect(screen.getByRole('status', { name: 'chat' }).textContent).toBe('message 1');
    expect(second.localParticipant.sentTexts.map((m) => m.text)).toEqual(['message 1']);
  });
});
