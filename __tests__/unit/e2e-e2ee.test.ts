import { Encryption_Type } from '@livekit/protocol';
import { addSample, countSecret, e2eeProblems, emptyTally, type BrokenWorkerOutcome, type E2EEJudgeInput } from '../../e2e/matrix/e2ee-judge';

const track = (sid: string, encryption = Encryption_Type.GCM) => ({ sid, encryption });

describe('server samples of the library tracks', () => {
  it('a sample is encrypted only when every track of every participant of that identity is', () => {
    const tally = emptyTally();
    addSample(tally, [{ identity: 'lib', tracks: [track('TR_a'), track('TR_v', Encryption_Type.CUSTOM)] }], 'lib', 0);
    // An old and a new Room of one identity, both listed: one track in the clear in either is enough.
    addSample(tally, [{ identity: 'lib', tracks: [track('TR_a')] }, { identity: 'lib', tracks: [track('TR_v2', Encryption_Type.NONE)] }], 'lib', 250);
    expect(tally).toEqual({ encrypted: 1, unencrypted: 1, absent: 0, clear: ['+250 ms TR_v2'] });
  });
  it('no participant, or one without tracks, is absent; other identities do not count', () => {
    const tally = emptyTally();
    addSample(tally, [], 'lib', 0);
    addSample(tally, [{ identity: 'lib', tracks: [] }, { identity: 'other', tracks: [track('TR_x', Encryption_Type.NONE)] }], 'lib', 250);
    expect(tally).toEqual({ encrypted: 0, unencrypted: 0, absent: 2, clear: [] });
  });
});

const outcome = (over: Partial<BrokenWorkerOutcome> = {}): BrokenWorkerOutcome => ({ worker: 'reports', status: 'failed', errorCode: 'e2ee-failed', alerts: 1, filterAlerts: 0, failedAfterMs: 700, tally: { ...emptyTally(), absent: 10 }, escaped: 0, ...over });
const input = (over: Partial<E2EEJudgeInput> = {}): E2EEJudgeInput => ({
  steps: [{ step: 'server-leave', played: 'x', back: true, recoveryMs: 600, encrypted: true }],
  library: { ...emptyTally(), encrypted: 400 },
  broken: [outcome(), outcome({ worker: 'throws' })],
  keyLeaks: 0,
  ...over,
});

describe('e2eeProblems', () => {
  it('passes a clean run', () => {
    expect(e2eeProblems(input())).toEqual([]);
  });
  it('one unencrypted sample, a step not back or not encrypted, a leaked key: each fails', () => {
    expect(e2eeProblems(input({ library: { encrypted: 400, unencrypted: 1, absent: 0, clear: [] } }))).toEqual(['1 server samples list a track of the library unencrypted']);
    expect(e2eeProblems(input({ steps: [{ step: 's', played: '', back: false, recoveryMs: null, encrypted: false }] }))).toHaveLength(1);
    expect(e2eeProblems(input({ steps: [{ step: 's', played: '', back: true, recoveryMs: 5, encrypted: false }] }))).toEqual(['s: state.call.e2ee.encrypted is false once back']);
    expect(e2eeProblems(input({ keyLeaks: 1 }))).toHaveLength(1);
    expect(e2eeProblems(input({ library: emptyTally() }))).toEqual(['no server sample listed an encrypted track of the library']);
  });
  it('a failing worker must end failed / e2ee-failed, alert once from the controller, publish nothing', () => {
    expect(e2eeProblems(input({ broken: [outcome({ status: 'connected', errorCode: null })] }))).toHaveLength(1);
    expect(e2eeProblems(input({ broken: [outcome({ alerts: 2 })] }))).toEqual(['worker that reports: 2 alerts from the controller (want exactly 1)']);
    expect(e2eeProblems(input({ broken: [outcome({ alerts: 2, filterAlerts: 1 })] }))).toEqual(['worker that reports: 1 alerts from installCallErrorFilter']);
    expect(e2eeProblems(input({ broken: [outcome({ worker: 'throws', alerts: 2, filterAlerts: 1 })] }))).toEqual(['worker that throws: 1 alerts from installCallErrorFilter']);
    expect(e2eeProblems(input({ broken: [outcome({ tally: { ...emptyTally(), encrypted: 1 } })] }))).toEqual(['worker that reports: the server listed a track of it']);
    expect(e2eeProblems(input({ broken: [] }))).toEqual(['no failing-worker page was played']);
  });
});

describe('countSecret', () => {
  it('counts without printing, in strings and serialized values', () => {
    expect(countSecret('s3cr3t', 'a s3cr3t b s3cr3t', { x: ['s3cr3t'] }, undefined)).toBe(3);
    expect(countSecret('', 'anything')).toBe(0);
  });
});
