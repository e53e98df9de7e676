/** @jest-environment jsdom */
import './jsdom-polyfills';
import { useEffect, useState } from 'react';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useConnectionState, useMaybeRoomContext, useRoomContext, VideoConference } from '@livekit/components-react';
import { ConnectionState, DisconnectReason, Room, RoomEvent, type RoomEventCallbacks } from 'livekit-client';
import { callActions } from '../../src';
import { CallRoomProvider, useCallRoom, type CallRoomSource } from '../../src/react';
import { dispatchUi, joinUi, renderWithCall, withFakeClock } from './render-with-call';

withFakeClock();

/** Records every Room value it was rendered with, and how often it mounted. */
function makeProbe() {
  const seen: (Room | undefined)[] = [];
  let mounts = 0;
  function RoomProbe() {
    const room = useMaybeRoomContext();
    const fromHook = useCallRoom();
    const [clicks, setClicks] = useState(0);
    useEffect(() => {
      mounts += 1;
    }, []);
    seen.push(room);
    expect(fromHook).toBe(room);
    return (
      <button type="button" onClick={() => setClicks((n) => n + 1)}>
        clicks {clicks}
      </button>
    );
  }
  return { RoomProbe, seen, mounts: () => mounts, last: () => seen[seen.length - 1] };
}

/** Rooms the FakeRoom factory built, so probes can say which one they got. */
const built: { rooms: Room[] } = { rooms: [] };

/** A components-react hook that subscribes to Room events: it must follow the swap too. */
function ConnectionStateProbe() {
  const room = useRoomContext();
  const state = useConnectionState();
  return <output aria-label="connection">{`room #${built.rooms.indexOf(room) + 1}: ${state}`}</output>;
}

describe('CallRoomProvider', () => {
  it('renders its children without a Room before join, then gives the controller Room through RoomContext', async () => {
    const probe = makeProbe();
    const t = renderWithCall(<probe.RoomProbe />);
    expect(screen.getByRole('button', { name: 'clicks 0' })).toBeTruthy();
    expect(probe.last()).toBeUndefined();

    await joinUi(t);
    const room = t.rooms.last();
    expect(probe.last()).toBe(room);
    expect(t.controller.getRoom()).toBe(room);
    expect(probe.mounts()).toBe(1);
  });

  it('follows a forced reconnect to the NEW Room without remounting the app components', async () => {
    const probe = makeProbe();
    const t = renderWithCall(
      <>
        <probe.RoomProbe />
        <Gate />
      </>,
    );
    built.rooms = t.rooms.rooms as unknown as Room[];
    await joinUi(t);
    const first = t.rooms.last();
    fireEvent.click(screen.getByRole('button', { name: 'clicks 0' }));
    expect(screen.getByRole('button', { name: 'clicks 1' })).toBeTruthy();
    expect(screen.getByRole('status', { name: 'connection' }).textContent).toBe(`room #1: ${ConnectionState.Connected}`);
    const seenBefore = probe.seen.length;

    await dispatchUi(t, callActions.forceReconnect({ reason: 'test' }));

    expect(t.rooms.rooms).toHaveLength(2);
    const second = t.rooms.last();
    expect(second).not.toBe(first);
    expect(t.call().status).toBe('connected');
    expect(probe.last()).toBe(second);
    // The swap changed only the context value: same component instance, state kept.
    expect(probe.mounts()).toBe(1);
    expect(screen.getByRole('button', { name: 'clicks 1' })).toBeTruthy();
    // The context never went through `undefined` (which would throw in useRoomContext users).
    expect(probe.seen.slice(seenBefore)).not.toContain(undefined);
    // components-react re-subscribed: it reads the new Room and left no listener on the old one.
    expect(screen.getByRole('status', { name: 'connection' }).textContent).toBe(`room #2: ${ConnectionState.Connected}`);
    expect(second.listenerCount(RoomEvent.ConnectionStateChanged)).toBeGreaterThan(0);
    expect(first.listenerCount()).toBe(0);
    expect(t.rooms.leaks().strayListeners).toBe(0);
  });

  it('goes back to no Room after leave, keeping the children mounted', async () => {
    const probe = makeProbe();
    const t = renderWithCall(<probe.RoomProbe />);
    await joinUi(t);
    await dispatchUi(t, callActions.leave());
    expect(t.call().status).toBe('disconnected');
    expect(probe.last()).toBeUndefined();
    expect(probe.mounts()).toBe(1);
    expect(t.rooms.last().listenerCount()).toBe(0);
  });
});

/** Renders the Room-bound probe only while there is a Room, as docs/react.md advises. */
function Gate() {
  const room = useCallRoom();
  return room ? <ConnectionStateProbe /> : null;
}

/** A stand-in controller around real livekit-client Rooms (never connected: no WebRTC in jsdom). */
function realRoomSource(initial: Room | undefined) {
  let current = initial;
  const listeners = new Set<(room: Room | undefined) => void>();
  const source: CallRoomSource = {
    getRoom: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const swap = (room: Room | undefined) => {
    current = room;
    for (const listener of [...listeners]) listener(room);
  };
  return { source, swap, listenerCount: () => listeners.size };
}

/** What `room.disconnect()` announces for a connected Room (these were never connected). */
const endRoom = (room: Room) => act(() => {
  room.emit(RoomEvent.Disconnected, DisconnectReason.CLIENT_INITIATED);
});
const roomListeners = (room: Room) =>
  (room.eventNames() as (keyof RoomEventCallbacks)[]).reduce((sum, event) => sum + room.listenerCount(event), 0);

describe('components-react inside CallRoomProvider', () => {
  beforeEach(() => {
    localStorage.setItem('lk-user-choices', '{}'); // else ControlBar warns that it has none saved
  });

  it('VideoConference renders from the provided Room and moves its subscriptions to the replacement', async () => {
    const first = new Room();
    const second = new Room();
    const idle = { first: roomListeners(first), second: roomListeners(second) };
    const real = realRoomSource(first);
    const probe = makeProbe();
    const view = render(
      <CallRoomProvider controller={real.source}>
        <probe.RoomProbe />
        <VideoConference />
      </CallRoomProvider>,
    );
    expect(view.container.querySelectorAll('.lk-participant-tile')).toHaveLength(1);
    expect(roomListeners(first)).toBeGreaterThan(idle.first);

    act(() => real.swap(second));

    expect(probe.last()).toBe(second);
    expect(probe.mounts()).toBe(1);
    expect(view.container.querySelectorAll('.lk-participant-tile')).toHaveLength(1);
    expect(roomListeners(second)).toBeGreaterThan(idle.second);
    // components-core's chat lets go of a Room when it disconnects, as the controller makes every
    // replaced Room do; everything else let go at the swap.
    endRoom(first);
    expect(roomListeners(first)).toBe(idle.first);

    view.unmount();
    expect(real.listenerCount()).toBe(0);
    endRoom(second);
    expect(roomListeners(second)).toBe(idle.second);
  });

});
