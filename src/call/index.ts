export { callReducer, callActions } from './slice';
export type { CallAction } from './slice';
export * from './selectors';
export * from './types';
export { createInitialCallState } from './initial-state';
