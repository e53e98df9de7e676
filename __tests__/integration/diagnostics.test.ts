import { callActions } from '../../src';
import { advance, createCallStore, settle, useFakeCallClock } from '../helpers/call-store';

useFakeCallClock();

it('exportDiagnostics returns the redacted timeline, versions and options as JSON', async () => {
  const t = createCallStore({ diagnosticsLimit: 500 });
  t.store.dispatch(callActions.join({ roomName: 'r', participantIdentity: 'ann' }));
  await settle();
  t.store.dispatch(callActions.toggleCamera());
  await advance(1_000);
  t.rooms.last().simulateSdkGiveUp();
  await settle();
  const diagnostics = t.controller.exportDiagnostics();
  expect(JSON.parse(JSON.stringify(diagnostics))).toEqual(diagnostics);
  expect(diagnostics.library).toEqual({ name: 'redux-livekit-call', version: '0.1.0' });
  expect(diagnostics.livekitClient).toMatch(/^2\./);
  expect(diagnostics.options).toMatchObject({ refreshLeadMs: 120_000, maxReconnectAttempts: 5, tokenSource: '[object]', createRoom: '[function]' });
  const types = diagnostics.timeline.map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(['call/join', 'call/tokenReceived', 'call/connected', 'call/toggleStarted', 'call/reconnectStarted', 'call/roomCreated']));
  expect(JSON.stringify(diagnostics)).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\./);
});

it('the timeline is bounded', async () => {
  const t = createCallStore({ diagnosticsLimit: 10 });
  t.store.dispatch(callActions.join({ roomName: 'r' }));
  await settle();
  for (let i = 0; i < 30; i++) t.store.dispatch(callActions.forceReconnect({ reason: `n${i}` }));
  await settle();
  const diagnostics = t.controller.exportDiagnostics();
  expect(diagnostics.timeline).toHaveLength(10);
  expect(diagnostics.droppedEntries).toBeGreaterThan(0);
});
