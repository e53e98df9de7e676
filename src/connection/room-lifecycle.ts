import { call, delay, put, race, select } from 'redux-saga/effects';
import type { EventChannel } from 'redux-saga';
import { callActions } from '../call/slice';
import { selectDevices, selectVideoProfile } from '../call/selectors';
import type { CallDevices, VideoProfileName } from '../call/types';
import type { ControllerContext } from '../controller/context';
import { errorMessage } from '../errors/redact';
import { expectNoise } from '../errors/expected-noise';
import { appStopsOnUnpublish, roomOptionsWithSetup } from '../devices/room-setup-options';
import { releaseRoomE2EE } from '../e2ee/e2ee-room';
import { roomOptionsForProfile } from '../media/video-profiles';
import { originalDisconnect } from '../controls/routed-room';
import type { TokenLife } from '../token/token-clock';
import { roomSignalChannel, type RoomSignal } from './room-events';
import type { CallRoom } from './room-surface';

export interface LiveRoom {
  room: CallRoom;
  signals: EventChannel<RoomSignal>;
  profile: VideoProfileName;
  /** Life of the token the SDK holds for its own resumes (ours at connect, then the server's refreshes). */
  sdkToken: TokenLife;
  /** exp (epoch ms) of the token the SDK holds: a re-announced one with no later exp changes nothing. */
  sdkTokenExp?: number;
  /** Stops the capture keeper listening to this Room. */
  unwatchCaptures: () => void;
}

/** Builds the next Room with the active profile and starts listening before it connects. */
export function* openRoom(ctx: ControllerContext) {
  const profile: VideoProfileName = yield select(selectVideoProfile);
  // The fast resume schedule unless the app set one (a profile's own wins over the option).
  const devices: CallDevices = yield select(selectDevices);
  const base = { reconnectPolicy: ctx.options.reconnectPolicy, ...roomOptionsForProfile(profile, ctx.options.videoProfiles) };
  const room = ctx.options.createRoom(roomOptionsWithSetup(base, { devices })) as CallRoom;
  // The keeper hears a Room's end of restart before the sagas do: a re-apply then finds its captures.
  const unwatchCaptures = ctx.captures.watch(room, appStopsOnUnpublish(base));
  const signals = roomSignalChannel(room);
  ctx.roomProfile = profile;
  ctx.rooms.set(room);
  yield put(callActions.roomCreated({ profile }));
  const live: LiveRoom = { room, signals, profile, sdkToken: { receivedAt: 0, lifetimeMs: 0 }, unwatchCaptures };
  return live;
}

/** Our own disconnect rejects pending SDK calls with `Cancelled`: expected, not alert-worthy. */
const CANCELLED_NOISE_MS = 5_000;

export async function disconnectQuietly(room: CallRoom, ctx: ControllerContext): Promise<void> {
  try {
    // The Room's own disconnect: the routed one (ControlBar's leave) would end the whole call.
    await originalDisconnect(room)(true);
  } catch (error) {
    ctx.logger.info(`[redux-livekit-call] disconnect of a replaced Room failed: ${errorMessage(error)}`);
  }
}

/**
 * Listeners first, so the old Room's own Disconnected never reaches the controller. A Room being
 * replaced (`clearHolder` false) hands its live captures to the keeper first, unstopped.
 */
export function* closeRoom(ctx: ControllerContext, live: LiveRoom, clearHolder: boolean) {
  live.signals.close();
  releaseRoomE2EE(live.room); // its key-provider listeners off; its E2EE news from now on is moot
  if (!clearHolder) yield call([ctx.captures, ctx.captures.detachAll], live.room);
  else ctx.captures.stopAll(live.room);
  live.unwatchCaptures();
  expectNoise('cancelled', CANCELLED_NOISE_MS);
  expectNoise('remove-track-sender', CANCELLED_NOISE_MS);
  if (clearHolder && ctx.rooms.get() === live.room) ctx.rooms.set(undefined);
  // A replaced Room mid-restart has no leave to send, and its disconnect queues behind the SDK's
  // attempt (seen: 1 s, in Firefox after a stalled resume): the next Room does not wait for it.
  // disconnectQuietly never rejects.
  if (!clearHolder && live.room.state !== 'connected') void disconnectQuietly(live.room, ctx);
  else yield race([call(disconnectQuietly, live.room, ctx), delay(DISCONNECT_WAIT_MS)]);
}

export const DISCONNECT_WAIT_MS = 1_000;
