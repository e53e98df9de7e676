// Issue 19's page: the library page with the controller's `e2ee` option (`role=library`, the
// default) or a keyed watcher (`role=watcher`), both with an ExternalE2EEKeyProvider holding the
// passphrase of `key`. A failing worker (the fail-closed check): `worker=reports` answers every
// message with an error, as livekit-client's worker reports one; `worker=throws` throws on each.
import { ExternalE2EEKeyProvider, type E2EEOptions } from 'livekit-client';

const params = new URLSearchParams(location.search);
const passphrase = params.get('key') ?? '';
// The key leaves the address at once: nothing that reads location later can quote it.
params.delete('key');
history.replaceState(null, '', `${location.pathname}?${params.toString()}`);

const FAILING: Record<string, string> = {
  reports: 'self.onmessage = () => self.postMessage({ kind: "error", data: { error: new Error("InternalError: the e2e test worker fails on purpose") } });',
  throws: 'self.onmessage = () => { throw new Error("the e2e test worker throws on purpose"); };',
};
const failing = FAILING[params.get('worker') ?? ''];
const worker = failing ? new Worker(URL.createObjectURL(new Blob([failing], { type: 'text/javascript' }))) : new Worker('/e2ee-worker.js', { type: 'module' });

const keyProvider = new ExternalE2EEKeyProvider();
await keyProvider.setKey(passphrase);
// Read by library.ts and watcher.ts when they load (below): their own code, with encryption.
(globalThis as { __e2eeOptions?: E2EEOptions }).__e2eeOptions = { keyProvider, worker };

if (params.get('role') === 'watcher') await import('./watcher');
else await import('./library');
