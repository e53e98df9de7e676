import { useMaybeRoomContext } from '@livekit/components-react';
import type { Room } from 'livekit-client';

/**
 * The Room that `CallRoomProvider` gives, or `undefined` while there is none (before `join`,
 * after `leave` or `failed`). Use it to render Room-bound components only when they can work:
 * `room ? <VideoConference /> : <Lobby />`.
 */
export function useCallRoom(): Room | undefined {
  return useMaybeRoomContext();
}
