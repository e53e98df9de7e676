import type { CallError } from '../errors/types';

export type CallStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed';
export type VideoProfileName = 'hd' | 'stable';
export type MediaSourceName = 'camera' | 'microphone' | 'screenShare';
export const MEDIA_SOURCES: readonly MediaSourceName[] = ['microphone', 'camera', 'screenShare'];

/** `MediaDeviceKind`s the call keeps a choice for. */
export type CallDeviceKind = 'videoinput' | 'audioinput' | 'audiooutput';
export const DEVICE_KINDS: readonly CallDeviceKind[] = ['videoinput', 'audioinput', 'audiooutput'];
/** The chosen device of each kind; `null`: the browser's default. */
export type CallDevices = Record<CallDeviceKind, string | null>;

export interface MediaSourceState {
  /** What the user wants. */
  desired: boolean;
  /** What the live local participant shows. */
  enabled: boolean;
  /** An SDK call for this source is in flight or settling. */
  pending: boolean;
}

/**
 * Why a wanted screen share is not live: `needs-gesture` = it was not (or could not be) started
 * outside a user gesture (after a reconnect, or a wish recorded while connecting); browsers reject
 * getDisplayMedia without one. A user toggle clears it.
 */
export type ScreenShareBlockedReason = 'needs-gesture';

export interface ScreenShareState extends MediaSourceState {
  blockedReason: ScreenShareBlockedReason | null;
}

export interface ProfileChange {
  profile: VideoProfileName;
  reason: string;
  at: number;
}

/** Refinement of `lastError.kind`; stable strings an app can switch on. */
export type CallErrorCode =
  | 'token-malformed'
  | 'token-missing-exp'
  | 'token-already-expired'
  | 'token-source-timeout'
  | 'token-source-failed'
  | 'token-source-invalid-response'
  | 'token-refresh-failed'
  | 'connect-refused'
  | 'connect-failed'
  /** `createRoom` threw (e.g. DeviceUnsupportedError for `e2ee` on a browser without it). */
  | 'room-create-failed'
  | 'reconnect-limit'
  | 'reconnect-timeout'
  | 'toggle-failed'
  /** `selectDevice` for a device the browser could not open (gone, busy, refused). */
  | 'device-unavailable'
  | 'negotiation'
  | 'sdk-error'
  /** `e2ee` is set and a Room's encryption could not be turned on, or broke for our own tracks (e2ee/). */
  | 'e2ee-failed'
  /** `e2ee` is set and this browser cannot encrypt media (`new Room({ e2ee })` threw DeviceUnsupportedError). */
  | 'e2ee-unsupported';

export interface CallStateError extends CallError {
  code?: CallErrorCode;
}

export interface CallState {
  status: CallStatus;
  roomName: string | null;
  participantName: string | null;
  /** Kept across refreshes and reconnects; a guest keeps the one the server gave. */
  identity: string | null;
  /** `exp` of the token in use, epoch ms. */
  tokenExpiresAt: number | null;
  /** `iat` (or receipt time) of the token in use, epoch ms. */
  tokenIssuedAt: number | null;
  tokenRefreshFailures: number;
  videoProfile: VideoProfileName;
  profileChange: ProfileChange | null;
  roomInstanceKey: number;
  reconnectAttempts: number;
  lastReconnectReason: string | null;
  disconnectReason: string | null;
  media: { camera: MediaSourceState; microphone: MediaSourceState; screenShare: ScreenShareState };
  /** Epoch ms of NegotiationErrors inside the sliding window. */
  negotiationErrors: number[];
  lastError: CallStateError | null;
  /** End-to-end encryption of the call (e2ee/); only transitions change it. */
  e2ee: E2EEState;
  /** What the media watchdog saw (health/); only transitions change it. */
  mediaHealth: MediaHealthState;
  /** The local connection quality as it matters to the profile (quality/). */
  quality: QualityState;
  /** The chosen devices; every Room the controller builds starts on them (devices/). */
  devices: CallDevices;
  /** Chosen devices that went away (the default is in use meanwhile), by kind. */
  lostDevices: Partial<Record<CallDeviceKind, string>>;
  /** `setParticipantVolume`, by identity: applied to that participant in every Room. */
  participantVolumes: Record<string, number>;
  /** Processors the call could not put back on a capture: that source publishes nothing until it is back (media-setup/). */
  lostProcessors: Partial<Record<ProcessedSource, ProcessorLoss>>;
}

/** The sources an app puts a `TrackProcessor` on (a background blur, a noise filter). */
export type ProcessedSource = 'camera' | 'microphone';

export interface ProcessorLoss {
  /** The processor's own `name`, when it has one. */
  name: string | null;
  /** Why it could not be set again (the error's class and message, redacted). */
  message: string;
  /** Epoch ms. */
  at: number;
}

/** `stale`: no new frame (remote) or no bytes sent (local) for `staleMediaMs`; `recovering`: the watchdog acted. */
export type MediaHealth = 'ok' | 'stale' | 'recovering';

export interface MediaHealthEntry {
  health: MediaHealth;
  /** Epoch ms of the last transition. */
  since: number;
  trackSid: string | null;
}

export interface MediaHealthState {
  /** Remote participants' video, by identity; a participant never flagged has no entry (it is `ok`). */
  remote: Record<string, MediaHealthEntry>;
  /** The published camera; `null` until it was flagged once. */
  camera: MediaHealthEntry | null;
}

/** livekit-client's `ConnectionQuality`, as strings. */
export type QualityLevel = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

export interface QualityState {
  /** Epoch ms since when the local connection quality has been poor or lost; `null` while it is not. */
  troubleSince: number | null;
  /** Epoch ms when HD was offered back (stable healthy long enough); `null` when there is no offer. */
  hdOfferedAt: number | null;
}

export type MediaScope = 'remote' | 'local';
/** How a stale track came back: by itself, after a resubscribe / track restart, or on a new Room. */
export type MediaRecoveredBy = 'itself' | 'resubscribe' | 'restart' | 'reconnect';

export interface CallRootState {
  call: CallState;
}

export interface JoinPayload {
  roomName: string;
  participantName?: string;
  participantIdentity?: string;
  camera?: boolean;
  microphone?: boolean;
}

export interface TokenInfo {
  identity: string;
  roomName: string | null;
  expiresAt: number;
  /** nbf/iat claim, or the receipt time when the token has neither; epoch ms. */
  issuedAt: number;
  /** How long the token was valid when it arrived, by its own claims (see token/token-clock.ts). */
  lifetimeMs: number;
}

export interface E2EEState {
  /** The controller was given `e2ee`: every Room it builds encrypts before it publishes. */
  configured: boolean;
  /** The current Room's own encryption is on (confirmed by the E2EE worker); false on a new Room until then. */
  encrypted: boolean;
  /** Remote identities whose media we cannot decrypt (worker errors) or that publish without encryption. */
  undecryptable: string[];
}

/** What `selectE2EEStatus` returns. */
export type E2EEStatus = Pick<E2EEState, 'configured' | 'encrypted'>;
