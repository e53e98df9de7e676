import { useCallback, useSyncExternalStore } from 'react';
import type { Room } from 'livekit-client';
import type { CallController } from '../controller/create-call-controller';

/** The part of a `CallController` the React bindings read: the Room in use and its changes. */
export type CallRoomSource = Pick<CallController, 'getRoom' | 'subscribe'>;

// On the server there is never a Room: the controller only builds one in the browser.
const noRoomOnServer = (): Room | undefined => undefined;

/**
 * The controller's current Room as React state. The Room lives outside Redux (it is not
 * serializable), so it is read through `useSyncExternalStore`, which keeps every component of
 * one render on the same Room even when a forced reconnect swaps it mid-render.
 */
export function useControllerRoom(controller: CallRoomSource): Room | undefined {
  const subscribe = useCallback(
    (onChange: () => void) => controller.subscribe(() => onChange()),
    [controller],
  );
  const getSnapshot = useCallback(() => controller.getRoom(), [controller]);
  return useSyncExternalStore(subscribe, getSnapshot, noRoomOnServer);
}
