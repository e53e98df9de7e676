import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const PEERS = ['@reduxjs/toolkit', 'redux-saga', 'redux-saga/effects', 'livekit-client', 'react', 'react-redux', '@livekit/components-react'];

/** The main entry minified + gzipped with every peer external: what an app pays on top of its peers. */
export async function measureBundleSize() {
  const result = await build({
    entryPoints: ['src/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external: PEERS,
    treeShaking: true,
  });
  const code = result.outputFiles[0]!.contents;
  return { mainEntryMinBytes: code.byteLength, mainEntryGzipBytes: gzipSync(code, { level: 9 }).byteLength };
}
