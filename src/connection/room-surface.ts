import type { RoomConnectOptions } from 'livekit-client';

/** The part of a livekit-client Room the controller touches (API.md); a fake that has it works in tests. */
export interface CallLocalParticipant {
  readonly identity: string;
  readonly isCameraEnabled: boolean;
  readonly isMicrophoneEnabled: boolean;
  readonly isScreenShareEnabled: boolean;
  setCameraEnabled(enabled: boolean): Promise<unknown>;
  setMicrophoneEnabled(enabled: boolean): Promise<unknown>;
  setScreenShareEnabled(enabled: boolean): Promise<unknown>;
}

export interface CallRoom {
  connect(url: string, token: string, options?: RoomConnectOptions): Promise<void>;
  disconnect(stopTracks?: boolean): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  off(event: string, listener: (...args: any[]) => void): unknown;
  readonly state: string;
  readonly name: string;
  readonly localParticipant: CallLocalParticipant;
}
