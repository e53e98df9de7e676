import type { CallState, MediaSourceState } from './types';

const idleSource = (): MediaSourceState => ({ desired: false, enabled: false, pending: false });

export function createInitialCallState(): CallState {
  return {
    status: 'idle',
    roomName: null,
    participantName: null,
    identity: null,
    tokenExpiresAt: null,
    tokenIssuedAt: null,
    tokenRefreshFailures: 0,
    videoProfile: 'hd',
    profileChange: null,
    roomInstanceKey: 0,
    reconnectAttempts: 0,
    lastReconnectReason: null,
    disconnectReason: null,
    media: { camera: idleSource(), microphone: idleSource(), screenShare: { ...idleSource(), blockedReason: null } },
    negotiationErrors: [],
    lastError: null,
    e2ee: { configured: false, encrypted: false, undecryptable: [] },
    mediaHealth: { remote: {}, camera: null },
    quality: { troubleSince: null, hdOfferedAt: null },
    devices: { videoinput: null, audioinput: null, audiooutput: null },
    lostDevices: {},
    participantVolumes: {},
    lostProcessors: {},
  };
}
