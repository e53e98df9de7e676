import type { RoomConnectOptions } from 'livekit-client';

export interface FakeRemoteParticipant {
  identity: string;
  volume: number;
  setVolume(volume: number): void;
}

/** A scripted outcome for the next `connect` of a Room: succeed (after a delay), fail, or never answer. */
export type FakeConnectStep = { delayMs?: number; error?: unknown; hang?: boolean };

export interface FakeConnectCall {
  url: string;
  /** exp and identity of the token presented; the token itself is kept only in `token` for assertions. */
  exp: number | undefined;
  identity: string | undefined;
  token: string;
  options: RoomConnectOptions | undefined;
}
