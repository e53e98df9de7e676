import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { createInitialCallState } from './initial-state';
import { setupReducers } from './setup-reducers';
import { healthReducers } from './health-reducers';
import { endMedia, mediaReducers, recordIntent } from './media-reducers';
import { e2eeReducers } from './e2ee-reducers';
import type {
  CallState,
  CallStateError,
  JoinPayload,
  MediaSourceName,
  TokenInfo,
  VideoProfileName,
} from './types';

const toggleReducer =
  (source: MediaSourceName) =>
  (state: CallState, action: PayloadAction<boolean | undefined>): void =>
    recordIntent(state, source, action.payload);

const callSlice = createSlice({
  name: 'call',
  initialState: createInitialCallState,
  reducers: {
    // ---- public intents (API.md) ----
    join(state, action: PayloadAction<JoinPayload>) {
      if (state.status !== 'idle' && state.status !== 'disconnected' && state.status !== 'failed') return;
      const { roomName, participantName, participantIdentity, camera, microphone } = action.payload;
      const keepProfile = state.videoProfile;
      const keepKey = state.roomInstanceKey;
      const keepMedia = state.media;
      // The user's devices and what they set on others are theirs, not this call's.
      const { devices, participantVolumes } = state;
      Object.assign(state, createInitialCallState());
      state.videoProfile = keepProfile;
      state.roomInstanceKey = keepKey;
      Object.assign(state, { devices, participantVolumes });
      // Camera and microphone wishes carry over; a screen share never does (it needs its own gesture).
      state.media = { ...keepMedia, screenShare: createInitialCallState().media.screenShare };
      state.status = 'connecting';
      state.roomName = roomName;
      state.participantName = participantName ?? null;
      state.identity = participantIdentity ?? null;
      if (camera !== undefined) state.media.camera.desired = camera;
      if (microphone !== undefined) state.media.microphone.desired = microphone;
    },
    leave(state) {
      if (state.status === 'idle') return;
      state.status = 'disconnected';
      state.disconnectReason = 'CLIENT_INITIATED';
      endMedia(state);
    },
    toggleCamera: {
      reducer: toggleReducer('camera'),
      prepare: (wanted?: boolean) => ({ payload: wanted }),
    },
    toggleMicrophone: {
      reducer: toggleReducer('microphone'),
      prepare: (wanted?: boolean) => ({ payload: wanted }),
    },
    toggleScreenShare: {
      reducer: toggleReducer('screenShare'),
      prepare: (wanted?: boolean) => ({ payload: wanted }),
    },
    // Intents handled by the connection saga; the facts they cause are recorded below.
    forceReconnect(_state, _action: PayloadAction<{ reason: string }>) {},
    setVideoProfile(_state, _action: PayloadAction<VideoProfileName>) {},

    // ---- facts the sagas record (the DevTools timeline) ----
    tokenReceived(state, action: PayloadAction<TokenInfo & { refreshed: boolean }>) {
      const { identity, expiresAt, issuedAt } = action.payload;
      state.identity = identity;
      state.tokenExpiresAt = expiresAt;
      state.tokenIssuedAt = issuedAt;
      state.tokenRefreshFailures = 0;
    },
    tokenRefreshFailed(state, action: PayloadAction<{ error: CallStateError; failures: number; retryInMs: number }>) {
      state.tokenRefreshFailures = action.payload.failures;
      state.lastError = action.payload.error;
    },
    tokenCheckRequested(_state, _action: PayloadAction<{ cause: string }>) {},
    reconnectRequested(_state, _action: PayloadAction<{ reason: string }>) {},
    roomCreated(state, _action: PayloadAction<{ profile: VideoProfileName }>) {
      state.roomInstanceKey += 1;
    },
    connected(state, action: PayloadAction<{ roomName: string | null; identity: string | null }>) {
      state.status = 'connected';
      if (action.payload.roomName) state.roomName = action.payload.roomName;
      if (action.payload.identity) state.identity = action.payload.identity;
      state.disconnectReason = null;
    },
    sdkReconnecting(state, _action: PayloadAction<{ signalOnly: boolean }>) {
      if (state.status === 'connected') state.status = 'reconnecting';
    },
    /** The SDK's resume has its signal back; it restarts media paths before `sdkReconnected` (≥ 2 s in livekit-client). */
    sdkSignalResumed(_state) {},
    sdkReconnected(state) {
      if (state.status === 'reconnecting') state.status = 'connected';
    },
    reconnectStarted(state, action: PayloadAction<{ reason: string; attempt: number; delayMs: number }>) {
      state.status = 'reconnecting';
      state.reconnectAttempts = action.payload.attempt;
      state.lastReconnectReason = action.payload.reason;
    },
    /** A forced reconnect decided while the Room in use still works: it stays in use until replaced. */
    reconnectScheduled(state, action: PayloadAction<{ reason: string; attempt: number; delayMs: number }>) {
      state.reconnectAttempts = action.payload.attempt;
      state.lastReconnectReason = action.payload.reason;
    },
    /** The server or token endpoint did not answer; the next try in `delayMs` (sooner if the network is back). */
    reconnectRetryScheduled(_state, _action: PayloadAction<{ retry: number; delayMs: number }>) {},
    /** The Room kept during a wait ended on its own; the call is down until the replacement connects. */
    roomLost(state, _action: PayloadAction<{ reason: string }>) {
      if (state.status === 'connected') state.status = 'reconnecting';
    },
    /** The Room in use is being let go (its replacement connects next): not `connected` any more. */
    roomReplacing(state, action: PayloadAction<{ reason: string }>) {
      if (state.status === 'connected') state.status = 'reconnecting';
      state.lastReconnectReason = action.payload.reason;
    },
    reconnectAttemptsReset(state) {
      state.reconnectAttempts = 0;
    },
    disconnected(state, action: PayloadAction<{ reason: string | null }>) {
      state.status = 'disconnected';
      state.disconnectReason = action.payload.reason;
      endMedia(state);
    },
    failed(state, action: PayloadAction<{ reason: string; error: CallStateError }>) {
      state.status = 'failed';
      state.lastError = action.payload.error;
      endMedia(state);
    },
    errorOccurred(state, action: PayloadAction<CallStateError>) {
      state.lastError = action.payload;
    },
    ...mediaReducers,
    negotiationErrorSeen(state, action: PayloadAction<{ at: number; origin: string; windowMs: number }>) {
      const { at, windowMs } = action.payload;
      state.negotiationErrors = [...state.negotiationErrors.filter((t) => at - t < windowMs), at];
    },
    profileChanged(state, action: PayloadAction<{ profile: VideoProfileName; reason: string; at: number }>) {
      state.videoProfile = action.payload.profile;
      state.profileChange = { ...action.payload };
      state.negotiationErrors = [];
      state.quality.hdOfferedAt = null;
    },
    ...healthReducers,
    ...e2eeReducers,
    ...setupReducers,
  },
});

export const callReducer = callSlice.reducer;
export const callActions = callSlice.actions;
export type CallAction = ReturnType<(typeof callActions)[keyof typeof callActions]>;
