export { FakeRoom, type FakeConnectStep, type FakeConnectCall } from './fake-room';
export { FakeLocalParticipant, type FakeToggleStep, type FakeToggleCall, type FakeSource } from './fake-participant';
export { createFakeRoomFactory, type FakeRoomFactory } from './fake-room-factory';
export { createTestTokenSource, makeTestToken, type TestTokenStep, type TestTokenSourceOptions, type TestTokenFetch, type TestTokenClaims } from './test-token-source';
export { FakeMediaWorld, FakeFeed, type FakeHeal } from './fake-media';
export { FakeLocalTrack } from './fake-tracks';
export { FakeDeviceList } from './fake-devices';
export type { FakePublication } from './fake-participant';
export type { FakeRemoteParticipant } from './fake-room';
