import { actionChannel, delay, put, race, select, take } from 'redux-saga/effects';
import { buffers, type Channel, type EventChannel } from 'redux-saga';
import type { PayloadAction } from '@reduxjs/toolkit';
import { callActions } from '../call/slice';
import { selectCall } from '../call/selectors';
import type { CallState, ProfileChange, QualityLevel } from '../call/types';
import { callClockNow } from '../clock/call-clock';
import type { ControllerContext } from '../controller/context';
import { isHealthy, isTrouble } from './quality-level';
import { qualityChannel, type QualitySignal } from './quality-channel';
import { afterDismiss, afterOffer, afterProfileChange, afterQualityFallback, initialQualityMemory, newSessionMemory, type QualityMemory } from './quality-memory';
import { QUALITY_FALLBACK_REASON, QUALITY_RESTORED_REASON, qualityFallbackReason, qualityRestoredReason, qualityStep, type QualityStep } from './quality-policy';

/** Facts that change what the policy may do: a new session, the profile, an offer declined, the status. */
const FACTS = [
  callActions.join.type,
  callActions.profileChanged.type,
  callActions.dismissHdOffer.type,
  callActions.connected.type,
  callActions.sdkReconnecting.type,
  callActions.sdkReconnected.type,
  callActions.reconnectStarted.type,
  callActions.roomLost.type,
  callActions.roomReplacing.type,
  callActions.disconnected.type,
  callActions.failed.type,
  callActions.leave.type,
];

/** What the Room in use has said; forgotten when the Room changes. Times on the call clock. */
interface RoomQuality {
  level: QualityLevel;
  troubleSince: number | null;
}

const FRESH_ROOM: RoomQuality = { level: 'unknown', troubleSince: null };

/** Puts the trouble edges (and only those) into the store; returns what the Room now says. */
function* noteSignal(seen: RoomQuality, signal: QualitySignal) {
  const state: CallState = yield select(selectCall);
  if (signal.type === 'room') {
    // The new Room has told nothing yet; trouble measured on the old one does not carry over.
    if (state.quality.troubleSince !== null) yield put(callActions.connectionQualityRecovered({ quality: 'unknown', at: Date.now() }));
    return FRESH_ROOM;
  }
  const { level, at, clock } = signal;
  if (isTrouble(level) && !isTrouble(seen.level)) {
    yield put(callActions.connectionQualityTrouble({ quality: level, at }));
    return { level, troubleSince: clock };
  }
  if (!isTrouble(level) && isTrouble(seen.level)) yield put(callActions.connectionQualityRecovered({ quality: level, at }));
  return { level, troubleSince: isTrouble(level) ? seen.troubleSince : null };
}

/** Does what `step` says is due; returns the memory after it. */
function* act(ctx: ControllerContext, step: QualityStep, memory: QualityMemory, level: QualityLevel) {
  if (step.kind === 'fall-back') {
    const reason = qualityFallbackReason(level, step);
    ctx.logger.warn(`[redux-livekit-call] switching to the stable video profile (${reason})`);
    const next = afterQualityFallback(memory, step.inProbation);
    yield put(callActions.profileChanged({ profile: 'stable', reason, at: Date.now() }));
    yield put(callActions.reconnectRequested({ reason: `video-profile: stable (${QUALITY_FALLBACK_REASON})` }));
    return next;
  }
  if (step.kind !== 'offer-hd') return memory;
  if (ctx.options.hdRetry === 'auto') {
    const reason = qualityRestoredReason(step.healthyForMs);
    ctx.logger.info(`[redux-livekit-call] back to the hd video profile (${reason})`);
    yield put(callActions.profileChanged({ profile: 'hd', reason, at: Date.now() }));
    yield put(callActions.reconnectRequested({ reason: `video-profile: hd (${QUALITY_RESTORED_REASON})` }));
    return memory;
  }
  yield put(callActions.hdOffered({ at: Date.now(), healthyForMs: Math.round(step.healthyForMs) }));
  return afterOffer(memory);
}

/**
 * The quality-driven profile: sustained poor/lost local quality on HD switches to `stable`; a
 * `stable` it chose, healthy long enough, gets HD offered back (or restored with `hdRetry: 'auto'`).
 * A return that meets trouble inside its probation falls back at once and doubles the next window.
 */
export function* qualitySaga(ctx: ControllerContext) {
  const signals: EventChannel<QualitySignal> = qualityChannel(ctx.rooms);
  const facts: Channel<PayloadAction<unknown>> = yield actionChannel(FACTS, buffers.expanding(16));
  const start: CallState = yield select(selectCall);
  let memory = initialQualityMemory(start.videoProfile, start.profileChange);
  let seen: RoomQuality = FRESH_ROOM;
  let healthySince: number | null = null;
  try {
    for (;;) {
      const state: CallState = yield select(selectCall);
      const now = callClockNow();
      const connected = state.status === 'connected';
      // The healthy window needs good/excellent reports and the call up, without a break.
      healthySince = connected && isHealthy(seen.level) ? (healthySince ?? now) : null;
      const step = qualityStep({
        now,
        profile: state.videoProfile,
        roomProfile: ctx.roomProfile,
        connected,
        troubleSince: seen.troubleSince,
        healthySince,
        probationUntil: memory.probationUntil,
        stableByQuality: memory.stableByQuality,
        offerStanding: memory.offered || state.quality.hdOfferedAt !== null,
        failures: memory.failures,
        poorQualityMs: ctx.options.poorQualityMs,
        hdRetryAfterMs: ctx.options.hdRetryAfterMs,
      });
      if (step.kind === 'fall-back' || step.kind === 'offer-hd') {
        memory = yield* act(ctx, step, memory, seen.level);
        continue;
      }
      const woke: { signal?: QualitySignal; fact?: PayloadAction<unknown> } = yield race({
        signal: take(signals),
        fact: take(facts),
        ...(step.kind === 'wait' ? { due: delay(step.ms) } : {}),
      });
      if (woke.signal) {
        seen = yield* noteSignal(seen, woke.signal);
      } else if (woke.fact?.type === callActions.join.type) {
        memory = newSessionMemory(memory);
      } else if (woke.fact?.type === callActions.profileChanged.type) {
        memory = afterProfileChange(memory, woke.fact.payload as ProfileChange, callClockNow(), ctx.options.hdRetryAfterMs);
      } else if (woke.fact?.type === callActions.dismissHdOffer.type) {
        memory = afterDismiss(memory);
        healthySince = null; // the next window counts from now
      }
    }
  } finally {
    signals.close();
    facts.close();
  }
}
