import { useSelector } from 'react-redux';
import { MediaToggleButton, ReconnectingBanner, StableModeNotice, useCallStatus } from 'redux-livekit-call/react';
import { callActions } from 'redux-livekit-call';
import { FaultPanel } from './FaultPanel';
import { JoinForm } from './JoinForm';
import { Timeline } from './Timeline';
import { VideoGrid } from './VideoGrid';
import { controller, store, type RootState } from './store';

function downloadDiagnostics() {
  const blob = new Blob([JSON.stringify(controller.exportDiagnostics(), null, 2)], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `call-diagnostics-${new Date().toISOString()}.json`;
  link.click();
  URL.revokeObjectURL(link.href);
}

export function App() {
  const status = useCallStatus();
  const identity = useSelector((s: RootState) => s.call.identity);
  const inCall = status !== 'idle' && status !== 'disconnected' && status !== 'failed';
  return (
    <div data-lk-theme="default" className="demo">
      <header className="demo-header">
        <h1>redux-livekit-call demo</h1>
        <span className={`demo-status demo-status-${status}`} data-testid="status">
          {status}
          {identity ? ` · ${identity}` : ''}
        </span>
      </header>
      <ReconnectingBanner />
      <StableModeNotice />
      <main className="demo-main">
        <section className="demo-stage" aria-label="Call">
          {inCall ? <VideoGrid /> : <JoinForm />}
          <div className="demo-controls" role="toolbar" aria-label="Call controls">
            <MediaToggleButton source="microphone" />
            <MediaToggleButton source="camera" />
            <MediaToggleButton source="screenShare" />
            <button type="button" className="lk-button" onClick={downloadDiagnostics}>
              Download diagnostics
            </button>
            {inCall && (
              <button type="button" className="lk-button lk-disconnect-button" onClick={() => store.dispatch(callActions.leave())}>
                Leave
              </button>
            )}
          </div>
        </section>
        <aside className="demo-side">
          <FaultPanel />
          <Timeline />
        </aside>
      </main>
    </div>
  );
}
