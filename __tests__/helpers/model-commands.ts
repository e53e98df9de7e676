import fc from 'fast-check';
import { ConnectionError, ConnectionState, DisconnectReason, NegotiationError } from 'livekit-client';
import { callActions, type MediaSourceName } from '../../src';
import { checkStep, type CallModel } from './model-invariants';
import type { ModelSystem, TokenAnswer } from './model-system';
import { e2eeSteps } from './model-e2ee';
import { setupSteps } from './model-setup';

type Act = (model: CallModel, sys: ModelSystem) => void;

/** One step of a sequence: do something, let the controller react, check every invariant. */
export class Step implements fc.AsyncCommand<CallModel, ModelSystem> {
  constructor(
    readonly label: string,
    readonly act: Act,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: CallModel, sys: ModelSystem): Promise<void> {
    this.act(model, sys);
    await jest.advanceTimersByTimeAsync(0);
    checkStep(sys, model);
  }
  toString(): string {
    return this.label;
  }
}

const step = (label: string, act: Act) => new Step(label, act);
const SOURCES: MediaSourceName[] = ['camera', 'microphone', 'screenShare'];
const TOGGLE = { camera: callActions.toggleCamera, microphone: callActions.toggleMicrophone, screenShare: callActions.toggleScreenShare };
const REASONS = Object.entries(DisconnectReason).filter(([, v]) => typeof v === 'number') as [string, DisconnectReason][];
const up = (sys: ModelSystem) => {
  const room = sys.current();
  return room && room.state !== ConnectionState.Disconnected && room.state !== ConnectionState.Connecting ? room : undefined;
};
const CHROMIUM_NO_GESTURE = 'getDisplayMedia requires transient activation from a user gesture.';
/** The server's 401 text carries the whole JWT it refused. */
const expired401 = (sys: ModelSystem) =>
  ConnectionError.notAllowed(`invalid token: ${sys.tokens.minted.at(-1) ?? 'x'}, error: token has invalid claims: token is expired`, 401);

// ---- the user (public API only) ----
const join = fc.record({ identity: fc.boolean(), room: fc.constantFrom('main', 'breakout') }).map(({ identity, room }) =>
  step(`join(${room}${identity ? ', ann' : ', guest'})`, (model, sys) => {
    const before = sys.call().status;
    sys.store.dispatch(callActions.join({ roomName: room, participantName: 'Ann', ...(identity ? { participantIdentity: 'ann' } : {}) }));
    if (before === 'idle' || before === 'disconnected' || before === 'failed') model.inCall = true;
    model.everJoined = true;
  }),
);
const leave = fc.constant(
  step('leave', (model, sys) => {
    sys.store.dispatch(callActions.leave());
    model.inCall = false;
  }),
);
const toggle = fc.record({ source: fc.constantFrom(...SOURCES), wanted: fc.constantFrom(undefined, true, false) }).map(({ source, wanted }) =>
  step(`toggle ${source}(${String(wanted)})`, (_m, sys) => {
    // A click while connected is a user gesture: the only thing that may start a screen share.
    if (source === 'screenShare' && sys.call().status === 'connected') sys.shareGestures += 1;
    sys.store.dispatch(TOGGLE[source](wanted));
  }),
);
const forceReconnect = fc.constant(step('forceReconnect', (_m, sys) => void sys.store.dispatch(callActions.forceReconnect({ reason: 'model' }))));
const rejoin = fc.constant(step('app: re-join main on the next disconnected/failed', (_m, sys) => void (sys.app.rejoinArmed = true)));
const profile = fc.constantFrom('hd' as const, 'stable' as const).map((p) => step(`setVideoProfile(${p})`, (_m, sys) => void sys.store.dispatch(callActions.setVideoProfile(p))));

// ---- the SDK, played by the Room double ----
const sdk = fc.oneof(
  fc.boolean().map((signalOnly) =>
    step(`sdk ${signalOnly ? 'SignalReconnecting' : 'Reconnecting'}`, (_m, sys) => {
      const room = up(sys);
      if (room?.state !== ConnectionState.Connected) return;
      if (signalOnly) room.simulateSignalReconnecting();
      else room.simulateReconnecting();
    }),
  ),
  fc.constant(
    step('sdk Reconnected', (_m, sys) => {
      const room = up(sys);
      if (room && room.state !== ConnectionState.Connected) room.simulateReconnected();
    }),
  ),
  fc.constant(step('sdk gives up (401 on resume)', (_m, sys) => up(sys)?.simulateSdkGiveUp())),
  fc.constantFrom(...REASONS).map(([name, reason]) => step(`server disconnects: ${name}`, (_m, sys) => up(sys)?.simulateDisconnected(reason))),
  fc.constant(step('next createRoom throws DeviceUnsupportedError', (_m, sys) => void sys.rooms.failNextCreate())),
  fc.constant(step('next connect: 401 token is expired', (_m, sys) => sys.rooms.scriptConnect({ error: expired401(sys) }))),
  fc.constant(step('next connect: NegotiationError', (_m, sys) => sys.rooms.scriptConnect({ error: new NegotiationError('negotiation timed out') }))),
  fc.constantFrom(200, 2_000).map((delayMs) => step(`next connect takes ${delayMs} ms`, (_m, sys) => sys.rooms.scriptConnect({ delayMs }))),
  fc.constantFrom(...SOURCES).map((source) =>
    step(`next ${source} toggle: NegotiationError`, (_m, sys) => sys.current()?.localParticipant.scriptToggle(source, { error: new NegotiationError('negotiation timed out') })),
  ),
  fc.constant(step('MediaDevicesError(NegotiationError)', (_m, sys) => up(sys)?.simulateMediaDevicesError(new NegotiationError('negotiation timed out')))),
  fc.constantFrom<MediaSourceName>('camera', 'microphone').map((source) =>
    step(`next ${source} toggle: denied (MediaDevicesError, then rethrown)`, (_m, sys) => {
      const room = sys.current();
      if (!room) return;
      room.localParticipant.scriptToggle(source, { error: new DOMException('Permission denied', 'NotAllowedError'), mediaDevicesError: true });
      sys.alertCauses += 1;
    }),
  ),
  fc.constant(
    step('MediaDevicesError(device gone)', (_m, sys) => {
      const room = up(sys);
      if (!room) return;
      room.simulateMediaDevicesError(new DOMException('Requested device not found', 'NotFoundError'));
      sys.alertCauses += 1;
    }),
  ),
  fc.constant(
    step('next screenShare toggle: needs a gesture', (_m, sys) =>
      sys.current()?.localParticipant.scriptToggle('screenShare', { error: new DOMException(CHROMIUM_NO_GESTURE, 'InvalidStateError'), mediaDevicesError: true }),
    ),
  ),
  fc.constantFrom(600, 3_000).map((ms) =>
    step(`slow disconnect (${ms} ms)`, (_m, sys) => {
      const room = sys.current();
      if (room) room.disconnectDelayMs = ms;
    }),
  ),
);

// ---- media: bob's camera as we receive it, and ours as we send it ----
const HEALS = ['remedy', 'reconnect', 'never'] as const;
const media = fc.oneof(
  fc.constantFrom(...HEALS).map((heal) => step(`bob's video stops (back after: ${heal})`, (_m, sys) => void sys.rooms.bob.break(heal))),
  fc.constantFrom(...HEALS).map((heal) => step(`our camera sends nothing (back after: ${heal})`, (_m, sys) => void sys.rooms.media.camera.break(heal))),
  fc.boolean().map((muted) => step(`bob ${muted ? 'mutes' : 'unmutes'} his camera`, (_m, sys) => void (sys.rooms.bob.muted = muted))),
  fc.constant(
    step('next camera restart fails (device gone)', (_m, sys) => {
      sys.rooms.media.camera.restartError = new DOMException('Could not start video source', 'NotReadableError');
    }),
  ),
);

// ---- the media setup: devices picked both ways, unplugged, processors, captures that end ----
const asCommand = ({ label, act }: (typeof setupSteps)['devices'] extends fc.Arbitrary<infer S> ? S : never) => step(label, (model, sys) => act(sys, model.setup));
const setup = setupSteps.devices.map(asCommand);
const processors = setupSteps.processors.map(asCommand);
// ---- E2EE faults (a sequence with E2EE configured; no effect without) ----
const e2ee = e2eeSteps.map(({ label, act }) => step(label, (_m, sys) => act(sys)));

// ---- the token endpoint ----
const ANSWERS: TokenAnswer[] = ['ok', '503', 'html', 'hang', '401', 'other-identity', 'malformed'];
const token = fc.constantFrom(...ANSWERS).map((answer) => step(`token endpoint next: ${answer}`, (_m, sys) => sys.tokens.answer(answer)));

// ---- clocks ----
const time = fc.constantFrom(10, 100, 300, 700, 1_000, 3_000, 10_000, 30_000, 120_000, 600_000).map(
  (ms) => new TimeStep(ms),
);
const wall = fc.constantFrom(-3_600_000, -300_000, 300_000, 3_600_000).map((ms) =>
  step(`wall clock jumps ${ms > 0 ? '+' : ''}${ms / 1000} s`, () => jest.setSystemTime(Date.now() + ms)),
);
const skew = fc.constantFrom(-300_000, 0, 120_000, 3_600_000).map((ms) => step(`server clock skewed ${ms / 1000} s`, (_m, sys) => sys.tokens.skew(ms)));

/** Time passes (timers fire), with every invariant checked afterwards. */
export class TimeStep extends Step {
  constructor(readonly ms: number) {
    super(`time passes ${ms} ms`, () => undefined);
  }
  override async run(model: CallModel, sys: ModelSystem): Promise<void> {
    await jest.advanceTimersByTimeAsync(this.ms);
    checkStep(sys, model);
  }
}

/** `replayPath` (printed in a counterexample) with fast-check's `path` replays one failing sequence at once. */
export const modelCommands = (maxCommands: number, replayPath?: string) =>
  fc.commands([join, join, leave, rejoin, toggle, toggle, forceReconnect, profile, sdk, sdk, sdk, media, setup, processors, processors, e2ee, token, time, time, time, wall, skew], { maxCommands, size: 'max', replayPath });
