import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', react: 'src/react.ts', testing: 'src/testing.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  // One shared chunk per format: without it the CJS /react build inlines its own slice and
  // selectors, so a CommonJS app would load them twice (tsup splits only ESM by default).
  splitting: true,
  treeshake: true,
  target: 'es2020',
  // Peers stay external: the app brings its own copies.
  external: ['@reduxjs/toolkit', 'redux-saga', 'redux-saga/effects', 'livekit-client', 'react', 'react-redux', '@livekit/components-react'],
});
