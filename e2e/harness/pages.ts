import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { CACHE_DIR } from './proc';

const OUT = join(CACHE_DIR, 'e2e-pages');
// `e2ee` (an encrypting library page, a keyed watcher) and its worker, `conference` (VideoConference on the controller).
export const PAGE_ENTRIES = ['library', 'baseline', 'watcher', 'e2ee', 'e2ee-worker', 'conference'] as const;
export type PageName = (typeof PAGE_ENTRIES)[number];

/** A page's source: `e2e/page/<name>.ts` or `.tsx` (a React page). */
const sourceOf = (name: string) => ['ts', 'tsx'].map((ext) => join('e2e', 'page', `${name}.${ext}`)).find((file) => existsSync(file));

/** Bundles the test pages (the library's source, livekit-client, RTK…) for the browser. */
export async function bundlePages(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: PAGE_ENTRIES.map(sourceOf).filter((file): file is string => Boolean(file)),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: OUT,
    sourcemap: false,
    logLevel: 'warning',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
  });
}

const html = (name: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${name}</title></head><body><div id="log"></div><script type="module" src="/${name}.js"></script></body></html>`;

/** Serves `/<page>.html?…` and `/<page>.js` (every PAGE_ENTRIES one that was built) on 127.0.0.1. */
export async function servePages(): Promise<{ url: (name: PageName, query: Record<string, string>) => string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = /^\/([a-z0-9-]+)\.(html|js)$/.exec(path);
    if (!match || !(PAGE_ENTRIES as readonly string[]).includes(match[1]!) || !existsSync(join(OUT, `${match[1]}.js`))) {
      res.writeHead(404).end();
      return;
    }
    const [, name, ext] = match;
    if (ext === 'html') res.writeHead(200, { 'Content-Type': 'text/html' }).end(html(name!));
    else res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(join(OUT, `${name}.js`)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name, query) => `http://127.0.0.1:${port}/${name}.html?${new URLSearchParams(query).toString()}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
