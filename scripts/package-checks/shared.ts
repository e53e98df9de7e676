/** Helpers shared by check-docs.ts and check-package.ts. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = join(repoRoot, '.cache');
export const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; `quiet` keeps its output for the caller instead of printing it. */
export function run(cmd: string, args: string[], options: SpawnSyncOptions & { quiet?: boolean } = {}): RunResult {
  const { quiet, ...rest } = options;
  const result = spawnSync(cmd, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
    ...rest,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

export function fail(message: string): never {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

export function step<T>(title: string, body: () => T): T {
  const started = Date.now();
  console.log(`\n▶ ${title}`);
  const value = body();
  console.log(`  ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

export interface PackedTarball {
  path: string;
  /** Bytes of the .tgz and of its unpacked files, and the file count, as `npm pack` reports them. */
  size: number;
  unpackedSize: number;
  entryCount: number;
}

/**
 * `npm pack` of the current dist/ into .cache/pack/. Scripts are skipped (`prepack` would
 * rebuild): the Makefile builds first, and a missing build is an error rather than a silent one.
 */
export function packTarball(): PackedTarball {
  if (!existsSync(join(repoRoot, 'dist', 'index.js'))) fail('dist/ is missing: run `npm run build` first');
  const dest = join(cacheDir, 'pack');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { quiet: true });
  if (packed.status !== 0) fail(`npm pack failed:\n${packed.stderr}`);
  const [info] = JSON.parse(packed.stdout) as { filename: string; size: number; unpackedSize: number; entryCount: number }[];
  if (!info) fail('npm pack printed no result');
  const path = join(dest, info.filename);
  if (!readdirSync(dest).includes(info.filename)) fail(`npm pack did not write ${path}`);
  return { path, size: info.size, unpackedSize: info.unpackedSize, entryCount: info.entryCount };
}

export const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
