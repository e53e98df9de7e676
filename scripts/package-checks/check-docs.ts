/**
 * Docs that cannot rot: every ```ts / ```tsx block of README.md and docs/*.md is type-checked
 * against the BUILT package (the packed tarball, unpacked where an app's node_modules would hold
 * it, resolved through its package.json `exports`), strict with noUnusedLocals; blocks marked
 * `runnable` are then run with jest (CommonJS, so the .cjs build and its shared chunk are what
 * runs). Blocks marked `fragment` are skipped and counted.
 *
 * The check project lives in .cache/docs-check/ inside the repository on purpose: typescript,
 * jest, ts-jest and the peers resolve from the repository's own node_modules one level up, so
 * nothing but the few packages only a doc example uses (DOC_ONLY_DEPS) is installed.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { blockFileName, extractDocBlocks, type DocBlock } from './doc-blocks';
import { bin, cacheDir, fail, packTarball, repoRoot, run, step } from './shared';

// Imported by a doc example but not by the library: installed into the check project, pinned.
const DOC_ONLY_DEPS: Record<string, string> = { '@sentry/browser': '11.12.0' };

const projectDir = join(cacheDir, 'docs-check');
const blocksDir = join(projectDir, 'blocks');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noEmit: true,
    esModuleInterop: true,
    isolatedModules: true,
    skipLibCheck: true,
    types: ['jest', 'node'],
  },
  include: ['blocks'],
};

const JEST_CONFIG = {
  rootDir: '.',
  roots: ['<rootDir>/blocks'],
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', jsx: 'react-jsx', esModuleInterop: true, isolatedModules: true } }],
  },
};

function docFiles(): string[] {
  const docs = readdirSync(join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).sort();
  return ['README.md', ...docs.map((f) => `docs/${f}`)];
}

function installDocOnlyDeps(): void {
  const stamp = join(projectDir, '.deps-stamp');
  const wanted = JSON.stringify(DOC_ONLY_DEPS);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  writeFileSync(join(projectDir, 'package.json'), JSON.stringify({ private: true, dependencies: DOC_ONLY_DEPS }, null, 2));
  const args = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts'];
  if (run('npm', args, { cwd: projectDir }).status !== 0) fail('npm install of the doc-only dependencies failed');
  writeFileSync(stamp, wanted);
}

/** The tarball's files where `npm install redux-livekit-call` would put them. */
function unpackInto(tarball: string): void {
  const target = join(projectDir, 'node_modules', 'redux-livekit-call');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  if (run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']).status !== 0) fail('could not unpack the tarball');
}

function writeBlocks(blocks: DocBlock[]): Map<string, DocBlock> {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  const byName = new Map<string, DocBlock>();
  for (const block of blocks) {
    if (block.mode === 'fragment') continue;
    const name = blockFileName(block);
    if (block.mode === 'run' && !/\.test\.tsx?$/.test(name)) fail(`${block.file}:${block.line}: a runnable block's file= must end in .test.ts(x)`);
    mkdirSync(join(blocksDir, name, '..'), { recursive: true });
    // Each block is its own module, as in an app's own file (a block without imports would
    // otherwise be a global script sharing names with the others). Appended, so lines stay put.
    writeFileSync(join(blocksDir, name), `${block.code}export {};\n`);
    byName.set(name, block);
  }
  writeFileSync(join(projectDir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(join(projectDir, 'jest.config.json'), JSON.stringify(JEST_CONFIG, null, 2));
  return byName;
}

/** tsc reports `blocks/x.ts(3,5): …`; the reader wants `docs/x.md:<line of that code>`. */
function mapDiagnostics(output: string, byName: Map<string, DocBlock>): string {
  return output.replace(/(?:\S*\/)?blocks\/([^\s(]+?)\((\d+),(\d+)\)/g, (whole, name: string, line: string, col: string) => {
    const block = byName.get(name);
    return block ? `${block.file}:${block.line + Number(line)}:${col}` : whole;
  });
}

function relativeReadmeLinks(): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const found: string[] = [];
  for (const m of readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)) {
    const target = m[1] ?? m[2] ?? '';
    if (!/^(https?:|mailto:|#)/.test(target)) found.push(target);
  }
  return found;
}

function main(): void {
  const started = Date.now();
  mkdirSync(projectDir, { recursive: true });
  const blocks = docFiles().flatMap((file) => extractDocBlocks(file, readFileSync(join(repoRoot, file), 'utf8')));
  const tarball = step('pack the built package', () => packTarball());
  step('install doc-only dependencies', () => installDocOnlyDeps());
  unpackInto(tarball.path);
  const byName = writeBlocks(blocks);

  const checked = step(`type-check ${byName.size} doc blocks`, () =>
    run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', projectDir, '--pretty', 'false'], { quiet: true }),
  );
  const toRun = blocks.filter((b) => b.mode === 'run');
  const ran = checked.status === 0 && toRun.length > 0
    ? step(`run ${toRun.length} runnable doc blocks (jest)`, () => run(bin('jest'), ['--ci', '--config', join(projectDir, 'jest.config.json')], { cwd: projectDir }))
    : undefined;

  console.log('\nDoc blocks:');
  for (const b of blocks) {
    const what = b.mode === 'fragment' ? 'fragment (skipped)' : b.mode === 'run' ? 'type-checked + run' : 'type-checked';
    console.log(`  ${b.file}:${b.line} (${b.lang}) → ${what}`);
  }
  const count = (mode: DocBlock['mode']) => blocks.filter((b) => b.mode === mode).length;
  console.log(`  ${blocks.length} blocks: ${byName.size} type-checked (${count('run')} of them run), ${count('fragment')} fragments`);

  const links = relativeReadmeLinks();
  // README.md ships in the package; npm's page cannot follow relative links.
  if (links.length > 0) fail(`README.md has ${links.length} relative link(s) the npm page cannot follow: ${links.join(', ')}`);
  if (checked.status !== 0) {
    console.error(mapDiagnostics(checked.stdout + checked.stderr, byName));
    fail(`doc blocks do not type-check against the built package (project: ${relative(repoRoot, projectDir)})`);
  }
  if (ran && ran.status !== 0) fail('a runnable doc block failed under jest');
  console.log(`\n✔ docs check passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
