/**
 * Finds the TypeScript code blocks of a Markdown file. Pure, so __tests__/docs can pin it down.
 *
 * Fence info decides what happens to a block:
 *   ```ts / ```tsx                  type-checked against the built package
 *   ```ts runnable / ```tsx runnable type-checked, then run with jest (the block holds its own `test(…)`)
 *   ```ts fragment                  skipped on purpose (a shape summary, not a program), counted
 *   ```tsx file=store.ts             written under that name, so another block of the same doc can
 *                                    `import … from './store'`
 * Blocks in any other language (sh, json, text, none) are not code the user compiles.
 */

export type DocBlockMode = 'check' | 'run' | 'fragment';

export interface DocBlock {
  /** Path as given (relative to the repository root). */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: 'ts' | 'tsx';
  mode: DocBlockMode;
  /** `file=<name>` from the fence info, if given. */
  name?: string;
  /** The code with the fence's own indentation removed (blocks inside list items are indented). */
  code: string;
}

const OPEN = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/;
const LANGS: Record<string, 'ts' | 'tsx'> = { ts: 'ts', typescript: 'ts', tsx: 'tsx' };

function modeOf(info: string): DocBlockMode {
  const words = info.split(/[\s,]+/).filter(Boolean);
  if (words.includes('fragment')) return 'fragment';
  if (words.includes('runnable')) return 'run';
  return 'check';
}

export function extractDocBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '```', lang = '', info = ''] = open;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end] ?? '')) end++;
    const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
    const kind = LANGS[lang.toLowerCase()];
    const name = /(?:^|\s)file=([\w.-]+)/.exec(info)?.[1];
    if (kind) blocks.push({ file, line: i + 1, lang: kind, mode: modeOf(info), code: body.join('\n') + '\n', ...(name ? { name } : {}) });
    i = end; // skip the body: a fence inside it is text, not a new block
  }
  return blocks;
}

/**
 * Where the block goes inside the check project: one folder per Markdown file (so `file=` names
 * of two docs cannot clash), `L<line>` unless named; runnable blocks are jest test files.
 */
export function blockFileName(block: DocBlock): string {
  const folder = block.file.replace(/\.md$/i, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
  if (block.name) return `${folder}/${block.name}`;
  return `${folder}/L${block.line}${block.mode === 'run' ? '.test' : ''}.${block.lang}`;
}
