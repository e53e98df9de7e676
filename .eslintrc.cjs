/* ESLint 8.57 legacy config: the project stays on .eslintrc (ESLint 9+ drops it). */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', project: './tsconfig.json', tsconfigRootDir: __dirname },
  plugins: ['@typescript-eslint', 'import'],
  extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended', 'plugin:import/typescript'],
  env: { es2022: true, browser: true, node: true },
  settings: { 'import/resolver': { typescript: true, node: true } },
  rules: {
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/no-misused-promises': 'error',
    '@typescript-eslint/consistent-type-imports': 'error',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    'import/no-cycle': 'error',
    'max-lines': ['error', { max: 260, skipBlankLines: true, skipComments: true }],
    'no-console': 'off',
  },
  overrides: [
    { files: ['__tests__/**', 'e2e/**', 'bench/**'], rules: { 'max-lines': 'off', '@typescript-eslint/no-non-null-assertion': 'off' } },
    { files: ['*.cjs'], parserOptions: { project: null }, rules: { '@typescript-eslint/no-var-requires': 'off', '@typescript-eslint/no-require-imports': 'off' } },
  ],
  ignorePatterns: ['dist/', 'node_modules/', '.cache/', 'coverage/', 'e2e/results/', 'demo/dist/', '*.cjs', 'e2e/page/dist/'],
};
