import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRingBuffer } from '../../../src/diagnostics/ring-buffer';
import { toTimelineEntry } from '../../../src/diagnostics/timeline-entry';
import { LIBRARY_VERSION } from '../../../src/version';
import { makeTestToken } from '../../../src/testing';

describe('ring buffer', () => {
  it('keeps the last N in order and counts what fell off', () => {
    const buffer = createRingBuffer<number>(3);
    for (let i = 1; i <= 7; i++) buffer.push(i);
    expect(buffer.toArray()).toEqual([5, 6, 7]);
    expect(buffer.size).toBe(3);
    expect(buffer.dropped).toBe(4);
  });
  it('below capacity it is a plain list', () => {
    const buffer = createRingBuffer<string>(5);
    buffer.push('a');
    buffer.push('b');
    expect(buffer.toArray()).toEqual(['a', 'b']);
    expect(buffer.dropped).toBe(0);
  });
});

describe('timeline entries', () => {
  it('copies call/ actions, redacted', () => {
    const token = makeTestToken({ identity: 'x' });
    const entry = toTimelineEntry({ type: 'call/errorOccurred', payload: { message: `invalid token: ${token}` } }, 5);
    expect(entry).toEqual({ at: 5, type: 'call/errorOccurred', payload: { message: 'invalid token: [redacted-token]' } });
  });
  it('skips other actions and bookkeeping', () => {
    expect(toTimelineEntry({ type: 'app/other' }, 1)).toBeUndefined();
    expect(toTimelineEntry({ type: 'call/toggleUnlocked', payload: { source: 'camera' } }, 1)).toBeUndefined();
    expect(toTimelineEntry({ type: 'call/leave' }, 1)).toEqual({ at: 1, type: 'call/leave' });
  });
});

it('LIBRARY_VERSION matches package.json', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
  expect(LIBRARY_VERSION).toBe(pkg.version);
});
