// The texts each engine really produced (`node --import tsx e2e/probe-texts.ts`, which writes
// e2e/results/engine-texts.json; Debian's chromium and firefox-esr, 2026-11-28), and what the
// library makes of them. docs/alerts.md lists them by engine and version.

export interface EngineText { case: string; name: string; message: string }

export const ENGINE_TEXTS = {
  chromium: {
    version: 'Chromium 156.0.8078.108',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
    texts: [
      { case: 'removeTrack: sender of another RTCPeerConnection', name: 'InvalidAccessError', message: "Failed to execute 'removeTrack' on 'RTCPeerConnection': The sender was not created by this peer connection." },
      { case: 'removeTrack: RTCPeerConnection already closed', name: 'InvalidStateError', message: "Failed to execute 'removeTrack' on 'RTCPeerConnection': The RTCPeerConnection's signalingState is 'closed'." },
      { case: 'addTrack: RTCPeerConnection already closed', name: 'InvalidStateError', message: "Failed to execute 'addTrack' on 'RTCPeerConnection': The RTCPeerConnection's signalingState is 'closed'." },
      { case: 'createOffer: RTCPeerConnection already closed', name: 'InvalidStateError', message: "Failed to execute 'createOffer' on 'RTCPeerConnection': The RTCPeerConnection's signalingState is 'closed'." },
      { case: 'createDataChannel: RTCPeerConnection already closed', name: 'InvalidStateError', message: "Failed to execute 'createDataChannel' on 'RTCPeerConnection': The RTCPeerConnection's signalingState is 'closed'." },
      { case: 'getUserMedia: impossible constraint', name: 'OverconstrainedError', message: '' },
      { case: 'fetch: connection refused', name: 'TypeError', message: 'Failed to fetch' },
      { case: 'fetch: aborted', name: 'AbortError', message: 'signal is aborted without reason' },
      { case: 'AbortSignal.timeout', name: 'TimeoutError', message: 'signal timed out' },
    ] as EngineText[],
  },
  firefox: {
    version: 'Firefox 153.8.0esr',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
    texts: [
      { case: 'removeTrack: sender of another RTCPeerConnection', name: 'InvalidAccessError', message: 'This sender was not created by this PeerConnection' },
      { case: 'removeTrack: RTCPeerConnection already closed', name: 'InvalidStateError', message: 'Peer connection is closed' },
      { case: 'addTrack: RTCPeerConnection already closed', name: 'InvalidStateError', message: 'Peer connection is closed' },
      { case: 'createOffer: RTCPeerConnection already closed', name: 'InvalidStateError', message: 'Peer connection is closed' },
      { case: 'createDataChannel: RTCPeerConnection already closed', name: 'InvalidStateError', message: 'Peer connection is closed' },
      { case: 'getDisplayMedia: no user gesture', name: 'InvalidStateError', message: 'getDisplayMedia requires transient activation from a user gesture.' },
      { case: 'getDisplayMedia: no screen to capture (headless)', name: 'NotFoundError', message: 'The object can not be found here.' },
      { case: 'getUserMedia: impossible constraint', name: 'OverconstrainedError', message: 'Constraints could not be satisfied.' },
      { case: 'fetch: connection refused', name: 'TypeError', message: 'NetworkError when attempting to fetch resource.' },
      { case: 'fetch: aborted', name: 'AbortError', message: 'The operation was aborted. ' },
      { case: 'AbortSignal.timeout', name: 'TimeoutError', message: 'The operation timed out.' },
    ] as EngineText[],
  },
};
