import { useState, type FormEvent } from 'react';
import { callActions } from 'redux-livekit-call';
import { useCallError } from 'redux-livekit-call/react';
import { store } from './store';

export function JoinForm() {
  const [room, setRoom] = useState('demo');
  const [name, setName] = useState('');
  const error = useCallError();
  const join = (event: FormEvent, asGuest: boolean) => {
    event.preventDefault();
    store.dispatch(
      callActions.join({
        roomName: room || 'demo',
        ...(asGuest || !name ? {} : { participantName: name, participantIdentity: name }),
        camera: true,
        microphone: true,
      }),
    );
  };
  return (
    <form className="demo-join" onSubmit={(e) => join(e, false)} aria-label="Join a call">
      <label>
        Room
        <input className="lk-form-control" value={room} onChange={(e) => setRoom(e.target.value)} required />
      </label>
      <label>
        Your name
        <input className="lk-form-control" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Ann" />
      </label>
      <div className="demo-join-buttons">
        <button type="submit" className="lk-button" disabled={!name}>
          Join
        </button>
        <button type="button" className="lk-button" onClick={(e) => join(e, true)}>
          Join as guest
        </button>
      </div>
      {error && <p role="alert">Last error: {error.message}</p>}
    </form>
  );
}
