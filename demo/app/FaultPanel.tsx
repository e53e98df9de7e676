import { useState } from 'react';
import { Track } from 'livekit-client';
import { callActions } from 'redux-livekit-call';
import { useCallStatus } from 'redux-livekit-call/react';
import { controller, store } from './store';

const post = (path: string) => fetch(`/api/faults/${path}`, { method: 'POST' }).then((r) => r.json() as Promise<unknown>);

function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (check() || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        resolve(check());
      }
    }, 250);
  });
}

/** Faults a long call meets in the wild, on cue. Each one says what it does. */
export function FaultPanel() {
  const status = useCallStatus();
  const [seconds, setSeconds] = useState(8);
  const [busy, setBusy] = useState<string | null>(null);
  const inCall = status === 'connected' || status === 'reconnecting';
  const run = (name: string, fault: () => Promise<unknown>) => {
    setBusy(name);
    fault()
      .catch(() => undefined)
      .finally(() => setBusy(null));
  };

  const cut = () => post(`cut?seconds=${seconds}`);
  const tokenExpiry = async () => {
    // Short tokens, the server's refresh tokens dropped, then an outage past exp + 60 s.
    await post('short-tokens');
    store.dispatch(callActions.forceReconnect({ reason: 'demo: take a 10 s token' }));
    await waitFor(() => store.getState().call.status === 'connected', 20_000);
    await post('cut?seconds=75');
    await waitFor(() => false, 76_000);
    await post('normal-tokens');
  };
  const serverLeave = async () => controller.getRoom()?.simulateScenario('server-leave');
  const negotiationBurst = async () => {
    // Answers withheld; camera and microphone published afresh → NegotiationErrors → stable profile.
    await post('drop-answers?on=1');
    const participant = controller.getRoom()?.localParticipant;
    for (const source of [Track.Source.Camera, Track.Source.Microphone]) {
      const track = participant?.getTrackPublication(source)?.track;
      if (track) void participant?.unpublishTrack(track).catch(() => undefined);
    }
    store.dispatch(callActions.toggleCamera(true));
    store.dispatch(callActions.toggleMicrophone(true));
    await waitFor(() => store.getState().call.videoProfile === 'stable', 90_000);
    await post('drop-answers?on=0');
  };

  return (
    <section className="demo-faults" aria-label="Faults">
      <h2>Faults</h2>
      <div className="demo-fault-row">
        <label>
          Signal cut
          <input className="lk-form-control" type="number" min={1} max={180} value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} aria-label="Seconds" />
          s
        </label>
        <button type="button" className="lk-button" disabled={!inCall || busy !== null} onClick={() => run('cut', cut)}>
          Cut signal
        </button>
      </div>
      <button type="button" className="lk-button" disabled={!inCall || busy !== null} onClick={() => run('expiry', tokenExpiry)}>
        Token expiry during a 75 s outage
      </button>
      <button type="button" className="lk-button" disabled={!inCall || busy !== null} onClick={() => run('leave', serverLeave)}>
        Server leave (SERVER_SHUTDOWN)
      </button>
      <button type="button" className="lk-button" disabled={!inCall || busy !== null} onClick={() => run('negotiation', negotiationBurst)}>
        NegotiationError burst
      </button>
      <p className="demo-fault-busy" role="status" aria-live="polite">
        {busy ? `Fault running: ${busy}…` : ''}
      </p>
    </section>
  );
}
