import { ConnectionState } from 'livekit-client';
import { callActions } from '../../src';
import { isPlain, type ModelSystem } from './model-system';
import { checkE2EEAfterLeave, checkE2EESettled, checkE2EEStep, MODEL_KEY } from './model-e2ee';
import { checkSetupAfterLeave, checkSetupSettled, checkSetupStep, type SetupModel } from './model-setup';

/** What the user asked for last: the model the real system is checked against. */
export interface CallModel {
  /** A join the reducer accepted and no leave since. */
  inCall: boolean;
  everJoined: boolean;
  /** What the app set up on its media (processors). */
  setup: SetupModel;
}

const fail = (message: string, sys: ModelSystem): never => {
  const tail = sys.actions.slice(-12).map((a) => a.type).join(' → ');
  throw new Error(`invariant: ${message}\n  status=${sys.call().status} rooms=${sys.rooms.rooms.length} last actions: ${tail}`);
};

/** Token bytes: the payload segment of every token the endpoint minted (unique per token). */
function leakedToken(sys: ModelSystem, texts: string[]): boolean {
  const secrets = sys.tokens.minted.map((t) => t.split('.')[1]!);
  return texts.some((text) => secrets.some((secret) => text.includes(secret)));
}

/** The watchdog never asks two reconnects of one call closer than its cooldown (60 s by default). */
function checkWatchdogPace(sys: ModelSystem): void {
  let last: number | undefined;
  sys.actions.forEach((action, i) => {
    if (action.type === callActions.join.type) last = undefined; // a new session, a fresh watchdog
    if (action.type !== callActions.mediaReconnectRequested.type) return;
    const at = sys.actionTimes[i]!;
    if (last !== undefined && at - last < 60_000) fail(`two watchdog reconnects ${Math.round(at - last)} ms apart`, sys);
    last = at;
  });
}

/** Invariants that hold after every step, whatever the faults. */
export function checkStep(sys: ModelSystem, model: CallModel): void {
  if (sys.app.rejoined) {
    // The app's own saga joined from a `disconnected`/`failed` handler: the user is in a call again.
    sys.app.rejoined = false;
    model.inCall = true;
  }
  if (sys.sagaErrors.length > 0) fail(`a saga crashed: ${String(sys.sagaErrors[0])}`, sys);
  if (!sys.task.isRunning()) fail('the root saga stopped', sys);
  const state = sys.call();
  const room = sys.controller.getRoom() as unknown;
  const live = sys.liveRooms();
  if (live.length > 1) fail(`${live.length} live Rooms`, sys);
  if (live.length === 1 && live[0] !== room) fail('the live Room is not getRoom()', sys);
  if (state.status === 'connected') {
    if (room === undefined || room !== sys.current()) fail('connected, but getRoom() is not the newest Room', sys);
    if (sys.current()!.state !== ConnectionState.Connected) fail(`connected, but the Room is ${sys.current()!.state}`, sys);
  }
  if ((state.status === 'idle' || state.status === 'disconnected' || state.status === 'failed') && room !== undefined) {
    fail(`${state.status}, but getRoom() still gives a Room`, sys);
  }
  if (model.everJoined && !model.inCall && state.status !== 'disconnected') fail(`left, but the status is ${state.status}`, sys);
  if (state.status === 'disconnected' && state.disconnectReason === null) fail('disconnected without a reason', sys);
  const stray = sys.rooms.rooms.slice(0, -1).reduce((n, r) => n + r.listenerCount() + r.engine.listenerCount(), 0);
  if (stray > 0) fail(`${stray} listeners left on replaced Rooms`, sys);
  for (const action of sys.actions) {
    if (typeof action.type !== 'string' || !action.type.startsWith('call/')) fail(`action ${String(action.type)} is not a call/ action`, sys);
    if (!isPlain(action)) fail(`action ${action.type} is not serializable`, sys);
  }
  if (!isPlain(state)) fail('state is not serializable', sys);
  const texts = [JSON.stringify(sys.actions), JSON.stringify(state), JSON.stringify(sys.logger.lines), JSON.stringify(sys.alerts), JSON.stringify(sys.controller.exportDiagnostics())];
  if (leakedToken(sys, texts)) fail('token bytes in an action, the state, a log line, an alert or diagnostics', sys);
  const shares = sys.rooms.rooms.reduce((n, r) => n + r.localParticipant.calls.filter((c) => c.source === 'screenShare' && c.enabled).length, 0);
  if (shares > sys.shareGestures) fail(`${shares} screen shares started for ${sys.shareGestures} clicks: one was started without a gesture`, sys);
  checkWatchdogPace(sys);
  const setupFailure = checkSetupStep(sys, model.setup) ?? checkE2EEStep(sys);
  if (setupFailure) fail(setupFailure, sys);
  if (texts.some((text) => text.includes(MODEL_KEY))) fail('key bytes in an action, the state, a log line, an alert or diagnostics', sys);
  const reported = sys.alerts.reduce((n, a) => n + a.count, 0);
  const causes = sys.alertCauses + sys.actions.filter((a) => a.type === callActions.failed.type).length;
  if (reported > causes) fail(`${reported} alert reports for ${causes} alert-worthy causes: ${JSON.stringify(sys.alerts)}`, sys);
}

/** Once the faults stop, a call settles within `boundMs`: connected, failed, or disconnected with a reason. */
export async function checkQuiescence(sys: ModelSystem, model: CallModel, boundMs = 5 * 60_000): Promise<void> {
  sys.tokens.heal();
  sys.rooms.heal();
  sys.app.rejoinArmed = false;
  for (let t = 0; t < boundMs; t += 30_000) {
    await jest.advanceTimersByTimeAsync(30_000);
    checkStep(sys, model);
  }
  const { status } = sys.call();
  if (model.inCall && !['connected', 'failed', 'disconnected'].includes(status)) fail(`a join still ${status} ${boundMs} ms after the faults stopped`, sys);
  if (status === 'connected' && sys.current()!.state !== ConnectionState.Connected) fail('settled as connected on a dead Room', sys);
  if (status === 'connected') {
    // Settled media: no source locked forever, and the state shows what the live participant does.
    const { media } = sys.call();
    const participant = sys.current()!.localParticipant;
    const live = { camera: participant.isCameraEnabled, microphone: participant.isMicrophoneEnabled, screenShare: participant.isScreenShareEnabled };
    for (const source of ['camera', 'microphone', 'screenShare'] as const) {
      if (media[source].pending) fail(`${source} still pending once settled`, sys);
      if (media[source].enabled !== live[source]) fail(`${source}: state says ${String(media[source].enabled)}, the Room ${String(live[source])}`, sys);
    }
    // Media flows again once the faults stopped: whatever the watchdog flagged is ok again (or forgotten).
    const { mediaHealth } = sys.call();
    const unhealthy = [...Object.entries(mediaHealth.remote), ...(mediaHealth.camera ? [['camera', mediaHealth.camera] as const] : [])].filter(([, e]) => e.health !== 'ok');
    if (unhealthy.length > 0) fail(`media still flagged once settled: ${JSON.stringify(unhealthy)}`, sys);
    const devices = checkSetupSettled(sys) ?? checkE2EESettled(sys);
    if (devices) fail(devices, sys);
  }
  // Leave, then nothing of the call may remain: Rooms, listeners, timers.
  sys.store.dispatch(callActions.leave());
  model.inCall = false;
  await jest.advanceTimersByTimeAsync(120_000);
  checkStep(sys, model);
  const open = sys.rooms.rooms.filter((r) => r.state !== ConnectionState.Disconnected);
  if (open.length > 0) fail(`${open.length} Rooms still open after leave`, sys);
  const listeners = sys.rooms.rooms.reduce((n, r) => n + r.listenerCount() + r.engine.listenerCount(), 0);
  if (listeners > 0) fail(`${listeners} listeners still attached after leave`, sys);
  if (jest.getTimerCount() > 0) fail(`${jest.getTimerCount()} timers still pending after leave`, sys);
  const running = checkSetupAfterLeave(sys) ?? checkE2EEAfterLeave(sys);
  if (running) fail(running, sys);
}
