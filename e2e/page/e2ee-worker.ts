// livekit-client's E2EE worker, bundled as its own page entry (served at /e2ee-worker.js).
import 'livekit-client/e2ee-worker';
