import { blockFileName, extractDocBlocks } from '../../scripts/package-checks/doc-blocks';

// The docs check (scripts/package-checks/check-docs.ts) is only as good as its extraction: a
// block it silently misses is a block that can rot.
const md = [
  '# Title', //                                   1
  '```ts', //                                     2
  "import { callActions } from 'redux-livekit-call';",
  '```',
  '```sh', //                                     5
  'npm install',
  '```',
  '- a list item:',
  '',
  '  ```tsx runnable', //                         10
  '  const a = <div />;',
  '    const nested = 1;',
  '  ```',
  '```ts fragment', //                            14
  '{ status: "idle" | "failed" }',
  '```',
  '````tsx file=store.ts', //                     17
  'const b = 1;',
  '```',
  '````',
  '```typescript',
  'const c = 2;',
  '```',
  '```',
  'call/joined { }',
  '```',
].join('\n');

describe('extractDocBlocks', () => {
  const blocks = extractDocBlocks('docs/x.md', md);

  it('finds ts, tsx and typescript blocks only, with the line of their fence', () => {
    expect(blocks.map((b) => [b.line, b.lang, b.mode])).toEqual([
      [2, 'ts', 'check'],
      [10, 'tsx', 'run'],
      [14, 'ts', 'fragment'],
      [17, 'tsx', 'check'],
      [21, 'ts', 'check'],
    ]);
  });

  it('removes the indentation of a fence inside a list item, keeping deeper indentation', () => {
    expect(blocks[1]?.code).toBe('const a = <div />;\n  const nested = 1;\n');
  });

  it('closes a fence only with one at least as long (a ``` line inside ```` is code)', () => {
    expect(blocks[3]?.code).toBe('const b = 1;\n```\n');
    expect(blocks[3]?.name).toBe('store.ts');
  });

  it('names the check-project file by doc and line, or by file=, with .test for runnable blocks', () => {
    expect(blocks.map(blockFileName)).toEqual([
      'docs-x/L2.ts',
      'docs-x/L10.test.tsx',
      'docs-x/L14.ts',
      'docs-x/store.ts',
      'docs-x/L21.ts',
    ]);
  });
});
