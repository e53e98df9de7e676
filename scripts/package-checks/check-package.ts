/**
 * Package checks on the packed tarball, as a user receives it:
 *   1. one copy of each source module per format (shared chunks, see dist-chunks.ts);
 *   2. publint --strict (package.json fields, exports, files);
 *   3. @arethetypeswrong/cli, every resolution mode (node10, node16 CJS/ESM, bundler), no ignore rules;
 *   4. consumer smoke test: npm install of the tarball into fresh projects (consumers.ts).
 * Every step runs even when an earlier one failed, so one run shows every problem.
 */
import { join } from 'node:path';
import { checkConsumers, consumersDir, installConsumers } from './consumers';
import { entryLoadsChunk, inspectDist } from './dist-chunks';
import { bin, fail, kB, packTarball, repoRoot, run, step } from './shared';

const ENTRIES = ['index', 'react', 'testing'];

function checkChunks(): string[] {
  const problems: string[] = [];
  const dist = join(repoRoot, 'dist');
  for (const report of inspectDist(dist)) {
    for (const [source, files] of report.duplicated) problems.push(`${report.format}: ${source} is bundled into ${files.join(', ')}`);
    const shared = [...report.chunks].map(([file, sources]) => `${file} (${sources.length ? sources.map((s) => s.replace('../', '')).join(', ') : 'bundler helpers'})`);
    console.log(`  ${report.format}: every module once; shared: ${shared.join('; ') || 'none'}`);
  }
  for (const entry of ['react.js', 'react.cjs']) {
    if (!entryLoadsChunk(dist, entry)) problems.push(`${entry} does not load the shared chunk`);
  }
  return problems;
}

function main(): void {
  const started = Date.now();
  const problems: string[] = [];
  const tarball = step('npm pack', () => packTarball());
  console.log(`  ${tarball.path.replace(`${repoRoot}/`, '')}: ${kB(tarball.size)} packed, ${kB(tarball.unpackedSize)} unpacked, ${tarball.entryCount} files`);

  problems.push(...step('one copy of each module per format', checkChunks));

  step('publint --strict', () => {
    if (run(bin('publint'), ['--strict', tarball.path]).status !== 0) problems.push('publint --strict reported problems');
  });
  step('attw (node10, node16 CJS/ESM, bundler)', () => {
    const attw = run(bin('attw'), [tarball.path, '--profile', 'strict', '--format', 'table', '--no-color'], { env: { ...process.env, NO_COLOR: '1' } });
    if (attw.status !== 0) problems.push('@arethetypeswrong/cli reported problems');
  });
  step(`consumer projects (${consumersDir})`, () => {
    installConsumers(tarball.path);
    for (const name of checkConsumers()) problems.push(`consumer ${name} failed`);
  });

  if (problems.length > 0) fail(`package check failed:\n  - ${problems.join('\n  - ')}`);
  console.log(`\n✔ package check passed in ${((Date.now() - started) / 1000).toFixed(1)} s (${ENTRIES.length} entries, ${kB(tarball.size)}, ${tarball.entryCount} files)`);
}

main();
