import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', react: 'src/react.ts', testing: 'src/testing.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2020',
  // Peers stay external: the app brings its own copies.
  external: ['@reduxjs/toolkit', 'redux-saga', 'redux-saga/effects', 'livekit-client', 'react', 'react-redux', '@livekit/components-react'],
});
