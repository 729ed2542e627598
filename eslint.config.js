// House rules from DESIGN.md are enforced here, not hoped for:
//   1. only main/electron/** imports `electron`; only main/web/** knows the web transport;
//   2. shared/** stays pure TypeScript (no node:*, electron, vue);
//   3. the renderer reaches main only through the contract (no imports from main/, no node:*).
import js from '@eslint/js'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const electronOnly = {
  name: 'electron',
  message: 'Only main/electron/** may import electron (DESIGN.md rule 1). Put the pure part elsewhere and inject it.',
}
const webTransport = {
  group: ['**/main/web/*', '**/main/web/**', '../web/*', '../../web/*'],
  message: 'Only main/web/** knows the web transport (DESIGN.md rule 1).',
}
const nodeBuiltins = { group: ['node:*'], message: 'This code also runs in the renderer: no Node built-ins.' }

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
    },
  },
  { files: ['renderer/**', 'main/web/bridge/**'], languageOptions: { globals: { ...globals.browser } } },
  // Rule 1, everywhere but the Electron host (and its Playwright spec, which drives the binary).
  {
    files: ['**/*.{ts,mts,cts,js,mjs,vue}'],
    ignores: ['main/electron/**', 'main/web/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnly], patterns: [webTransport] }] },
  },
  { files: ['main/web/**'], rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] } },
  {
    files: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [webTransport] }] },
  },
  // Tests exercise each host's own modules, but still never import electron.
  { files: ['test/**'], rules: { 'no-restricted-imports': ['error', { paths: [electronOnly] }] } },
  // Rule 2: shared/ is pure.
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly, { name: 'vue', message: 'shared/ must not depend on the renderer framework.' }],
          patterns: [nodeBuiltins, { group: ['**/main/**', '**/renderer/**'], message: 'shared/ depends on nothing but itself.' }],
        },
      ],
    },
  },
  // Rule 3: the renderer's only way out is the contract.
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [nodeBuiltins, { group: ['**/main/**'], message: 'The renderer talks to main only through window.tester (the contract).' }],
        },
      ],
    },
  },
)
