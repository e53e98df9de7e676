// What the media-setup scenario and its pages agree on (no browser code: the runner imports it too).

/** The volume each subject sets on the watcher. */
export const VOLUME = 0.35;
/** The id of the button whose real click starts the screen share. */
export const SHARE_BUTTON = 'share-screen';

/** The parts of the setup a browser may be unable to do (a 2nd camera, a 3rd microphone, a speaker, a screen). */
export type Skippable = 'camera' | 'microphone' | 'speaker' | 'screenShare';
/** The camera marker processor's `name` (what `getProcessor().name` says on a processed camera). */
export const MARKER_NAME = 'e2e-marker';
