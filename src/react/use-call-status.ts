import { useSelector } from 'react-redux';
import { selectCallStatus, selectLastError } from '../call/selectors';
import type { CallRootState, CallStateError, CallStatus } from '../call/types';

/** `idle | connecting | connected | reconnecting | disconnected | failed` (slice mounted at `call`). */
export function useCallStatus(): CallStatus {
  return useSelector((state: CallRootState) => selectCallStatus(state));
}

/** The last error the controller recorded (redacted), or `null`. */
export function useCallError(): CallStateError | null {
  return useSelector((state: CallRootState) => selectLastError(state));
}
