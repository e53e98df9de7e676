/**
 * Consumer smoke test: the tarball installed as an app installs it, in a folder outside the
 * repository (so nothing resolves from our own node_modules by accident), with the peers at the
 * versions pinned in our devDependencies. One install is shared by four projects, one per way a
 * TypeScript app resolves modules; each type-checks the same imports of all three entries, and
 * each is then run with node: tsc's output for node16/node10 (ESM `import`, CommonJS `require`),
 * an esbuild bundle (our package inlined, peers external) for the bundler project.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, fail, repoRoot, run } from './shared';

const PEERS = ['@reduxjs/toolkit', 'redux-saga', 'livekit-client', 'react', 'react-dom', 'react-redux', '@livekit/components-react'];
const TOOLS = ['typescript', '@types/react', '@types/react-dom'];

interface Variant {
  name: string;
  type: 'module' | 'commonjs';
  compilerOptions: Record<string, string | boolean>;
  /** How out/smoke.js is made before `node` runs it: tsc's own output, or an esbuild bundle. */
  emit: 'tsc' | 'esbuild';
}

const VARIANTS: Variant[] = [
  { name: 'esm-bundler', type: 'module', compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' }, emit: 'esbuild' },
  { name: 'node16-esm', type: 'module', compilerOptions: { module: 'Node16', moduleResolution: 'Node16' }, emit: 'tsc' },
  { name: 'node16-cjs', type: 'commonjs', compilerOptions: { module: 'Node16', moduleResolution: 'Node16' }, emit: 'tsc' },
  // TypeScript 5.x CommonJS projects on classic resolution: `moduleResolution: node` (node10).
  { name: 'node10-cjs', type: 'commonjs', compilerOptions: { module: 'CommonJS', moduleResolution: 'Node' }, emit: 'tsc' },
];

// The same file in every project: values and types from each entry, used, so a missing or
// mistyped export fails tsc and a broken file fails at runtime.
const SMOKE = `import { callActions, callReducer, classifyCallError, createCallController, type CallState } from 'redux-livekit-call';
import { CallRoomProvider, MediaToggleButton, useCallStatus, type MediaToggle } from 'redux-livekit-call/react';
import { createFakeRoomFactory, createTestTokenSource, type FakeRoom } from 'redux-livekit-call/testing';

const state: CallState = callReducer(undefined, callActions.forceReconnect({ reason: 'smoke' }));
const rooms = createFakeRoomFactory();
const tokens = createTestTokenSource({ ttlSeconds: 600 });
const controller = createCallController({ tokenSource: tokens.tokenSource, createRoom: rooms.createRoom });
const toggle: MediaToggle | null = null;
const room: FakeRoom | undefined = rooms.rooms[0];
const seen = {
  status: state.status,
  kind: classifyCallError(new Error('boom')).kind,
  saga: typeof controller.saga,
  react: [typeof CallRoomProvider, typeof MediaToggleButton, typeof useCallStatus].join(),
  testing: typeof createFakeRoomFactory,
  nothingYet: toggle === null && room === undefined,
};
const expected = '{"status":"idle","kind":"unknown","saga":"function","react":"function,function,function","testing":"function","nothingYet":true}';
if (JSON.stringify(seen) !== expected) throw new Error('unexpected exports: ' + JSON.stringify(seen));
console.log('ok ' + JSON.stringify(seen));
`;

function devVersions(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const pinned: Record<string, string> = {};
  for (const name of [...PEERS, ...TOOLS]) {
    const version = pkg.devDependencies[name];
    if (!version) fail(`${name} is not pinned in devDependencies`);
    pinned[name] = version;
  }
  return pinned;
}

/** Outside the repository; keyed by the repository path so two checkouts do not share it. */
export const consumersDir = join(tmpdir(), `redux-livekit-call-consumers-${createHash('sha1').update(repoRoot).digest('hex').slice(0, 8)}`);

export function installConsumers(tarball: string): void {
  mkdirSync(consumersDir, { recursive: true });
  copyFileSync(tarball, join(consumersDir, 'redux-livekit-call.tgz'));
  const dependencies = { 'redux-livekit-call': 'file:./redux-livekit-call.tgz', ...devVersions() };
  writeFileSync(join(consumersDir, 'package.json'), JSON.stringify({ name: 'rlc-consumers', private: true, dependencies }, null, 2));
  // The tarball keeps its name and version from build to build: drop it so npm installs this
  // build; the peers stay and are reused. Our own lock stands in for the consumer's (it has no
  // entry for the tarball, so its old integrity cannot get in the way): the peers' dependencies
  // get the versions our tests ran with instead of whatever was published this morning.
  rmSync(join(consumersDir, 'node_modules', 'redux-livekit-call'), { recursive: true, force: true });
  copyFileSync(join(repoRoot, 'package-lock.json'), join(consumersDir, 'package-lock.json'));
  const args = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
  if (run('npm', args, { cwd: consumersDir }).status !== 0) fail('npm install of the tarball into the consumer project failed');
}

/** What a bundler makes of the package: our files inlined (tree-shaken, `sideEffects: false`), peers left to node. */
function bundle(dir: string) {
  const externals = PEERS.flatMap((name) => [`--external:${name}`, `--external:${name}/*`]);
  const args = ['smoke.ts', '--bundle', '--platform=node', '--format=esm', '--outfile=out/smoke.js', '--log-level=warning', ...externals];
  return run(bin('esbuild'), args, { cwd: dir, quiet: true });
}

/** Returns the names of the variants that failed (after printing why). */
export function checkConsumers(): string[] {
  const tsc = join(consumersDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const failed: string[] = [];
  for (const variant of VARIANTS) {
    const dir = join(consumersDir, variant.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type: variant.type }));
    writeFileSync(join(dir, 'smoke.ts'), SMOKE);
    const compilerOptions = {
      ...variant.compilerOptions,
      target: 'ES2022',
      lib: ['ES2022', 'DOM'],
      strict: true,
      noUnusedLocals: true,
      esModuleInterop: true,
      // As apps do (tsc --init's default): livekit-client's own .d.ts files do not pass a full
      // check (missing @types/sdp-transform, …). attw checks ours; the smoke file uses them.
      skipLibCheck: true,
      types: [],
      outDir: 'out',
      noEmit: variant.emit !== 'tsc',
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['smoke.ts'] }, null, 2));
    const typed = run(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { quiet: true });
    const bundled = typed.status === 0 && variant.emit === 'esbuild' ? bundle(dir) : typed;
    const ran = bundled.status === 0 ? run(process.execPath, [join(dir, 'out', 'smoke.js')], { cwd: dir, quiet: true }) : undefined;
    const ok = typed.status === 0 && ran?.status === 0 && ran.stdout.startsWith('ok ');
    const how = variant.emit === 'esbuild' ? 'esbuild bundle + node' : `node (${variant.type === 'module' ? 'import' : 'require'})`;
    console.log(`  ${ok ? '✔' : '✖'} ${variant.name.padEnd(11)} tsc (${variant.compilerOptions.moduleResolution}) + ${how}`);
    if (!ok) {
      console.error([typed, bundled, ran].map((r) => (r ? r.stdout + r.stderr : '')).join(''));
      failed.push(variant.name);
    }
  }
  return failed;
}
