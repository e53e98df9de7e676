import type { CallErrorKind, CallLogger } from '../errors/types';
import type { RoomHolder } from '../connection/room-holder';
import type { CredentialStore } from '../token/credentials';
import type { CaptureKeeper } from '../media-setup/capture-keeper';
import type { VideoProfileName } from '../call/types';
import type { ResolvedCallOptions } from './options';

/** What every saga of one controller shares. */
export interface ControllerContext {
  options: ResolvedCallOptions;
  rooms: RoomHolder;
  credentials: CredentialStore;
  /** The call's captures between Rooms (media-setup/): the one place that moves them. */
  captures: CaptureKeeper;
  logger: CallLogger;
  /** Profile the Room in use was built with. */
  roomProfile: VideoProfileName | undefined;
  /** Epoch ms of the last forced reconnect, for the cooldown. */
  lastForcedReconnectAt: number | undefined;
  /** `cause`: the error object; one object is alerted once (the SDK emits MediaDevicesError and rethrows it). */
  alert(kind: CallErrorKind, message: string, cause?: unknown): void;
}
