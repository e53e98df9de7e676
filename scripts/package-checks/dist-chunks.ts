/**
 * Each source module is bundled once per format: what the entries share (slice, selectors,
 * helpers) sits in chunks they all load, so a CommonJS app does not load the slice twice.
 * Read from the source maps, which list every module an output file contains (esbuild's
 * `// src/…` comments are left out for some modules, so they cannot be trusted for this).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ChunkReport {
  format: 'esm' | 'cjs';
  /** Source modules found in more than one output file, with those files. */
  duplicated: Map<string, string[]>;
  /** Output file → the source modules it contains (chunks only). */
  chunks: Map<string, string[]>;
}

export function inspectDist(distDir: string): ChunkReport[] {
  const maps = readdirSync(distDir).filter((f) => f.endsWith('.js.map') || f.endsWith('.cjs.map'));
  return (['esm', 'cjs'] as const).map((format) => {
    const ext = format === 'esm' ? '.js.map' : '.cjs.map';
    const owners = new Map<string, string[]>();
    const chunks = new Map<string, string[]>();
    for (const map of maps.filter((m) => m.endsWith(ext) && !(format === 'esm' && m.endsWith('.cjs.map')))) {
      const { sources } = JSON.parse(readFileSync(join(distDir, map), 'utf8')) as { sources: string[] };
      const file = map.slice(0, -'.map'.length);
      for (const source of sources) owners.set(source, [...(owners.get(source) ?? []), file]);
      if (file.startsWith('chunk-')) chunks.set(file, sources);
    }
    const duplicated = new Map([...owners].filter(([, files]) => files.length > 1));
    return { format, duplicated, chunks };
  });
}

/** The entry must load a chunk rather than carry its own copy (a plain substring check). */
export function entryLoadsChunk(distDir: string, entry: string): boolean {
  const code = readFileSync(join(distDir, entry), 'utf8');
  return /(?:from |require\()['"]\.\/chunk-[\w-]+\.c?js['"]/.test(code);
}
