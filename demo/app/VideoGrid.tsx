import { GridLayout, ParticipantTile, RoomAudioRenderer, useTracks } from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useCallRoom } from 'redux-livekit-call/react';

function Tracks() {
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );
  return (
    <GridLayout tracks={tracks} style={{ height: '100%' }}>
      <ParticipantTile />
    </GridLayout>
  );
}

/** components-react unchanged: it reads the Room the controller owns through RoomContext. */
export function VideoGrid() {
  const room = useCallRoom();
  // Before the first Room exists (token still on its way) there is nothing to lay out.
  if (!room) return <p className="demo-waiting">Connecting…</p>;
  return (
    <div className="demo-grid">
      <Tracks />
      <RoomAudioRenderer />
    </div>
  );
}
