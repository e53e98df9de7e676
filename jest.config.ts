import type { Config } from 'jest';

// Unit and integration tests only: e2e/ runs a real server and browser (npm run e2e).
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', jsx: 'react-jsx', isolatedModules: true, esModuleInterop: true } }],
  },
  moduleNameMapper: {
    '^redux-livekit-call$': '<rootDir>/src/index.ts',
    '^redux-livekit-call/(react|testing)$': '<rootDir>/src/$1.ts',
  },
  clearMocks: true,
  restoreMocks: true,
};

export default config;
