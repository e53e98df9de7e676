import type { ReactNode } from 'react';
import { useCallRoom } from '../../src/react';
import type { FakeRoom } from '../../src/testing';
import { stubMediaDevices } from './media-devices-stub';

/** Renders Room-bound LiveKit components only while there is a Room, as docs/react.md advises. */
export function InCall({ children }: { children?: ReactNode }) {
  return useCallRoom() ? <>{children}</> : null;
}

type LkSource = 'camera' | 'microphone' | 'screen_share';
const SOURCE: Record<LkSource, 'camera' | 'microphone' | 'screenShare'> = { camera: 'camera', microphone: 'microphone', screen_share: 'screenShare' };

/** components-react's TrackToggle for a source (ControlBar's, VideoConference's, or one of ours). */
export const trackToggle = (source: LkSource): HTMLButtonElement => {
  const button = document.querySelector(`button[data-lk-source="${source}"]`);
  if (!button) throw new Error(`no TrackToggle for ${source}`);
  return button as HTMLButtonElement;
};
export const leaveButton = (): HTMLButtonElement => document.querySelector('button.lk-disconnect-button') as HTMLButtonElement;

/** The control shows what is published: `aria-pressed` and `data-lk-enabled` equal the live state. */
export function expectControlsShowPublished(room: FakeRoom, sources: LkSource[] = ['microphone', 'camera', 'screen_share']): void {
  const shown = sources.map((s) => [s, trackToggle(s).getAttribute('aria-pressed'), trackToggle(s).getAttribute('data-lk-enabled')]);
  const live = { camera: room.localParticipant.isCameraEnabled, microphone: room.localParticipant.isMicrophoneEnabled, screenShare: room.localParticipant.isScreenShareEnabled };
  expect(shown).toEqual(sources.map((s) => [s, String(live[SOURCE[s]]), String(live[SOURCE[s]])]));
}

/** Browser media APIs stubbed for every test of the file (jsdom has none). */
export function withMediaDevices(devices: Parameters<typeof stubMediaDevices>[0] = []) {
  let unstub = () => undefined as void;
  beforeEach(() => {
    unstub = stubMediaDevices(devices);
  });
  afterEach(() => unstub());
}
