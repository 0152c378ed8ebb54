// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Process boundaries, enforced (VS Code's layering, excalidraw's model rule):
 * a folder says which runtime may load it.
 */
const nodeBuiltins = { regex: '^node:', message: 'core/ is pure: no Node built-ins.' };
const noElectron = { name: 'electron', message: 'Only the thin Electron glue in main/ may import electron.' };
const tfjs = { regex: '^@tensorflow/', message: 'core/ and renderer/ never load TensorFlow.js.' };
const react = { regex: '^react(-dom)?($|/)|^@xyflow/', message: 'Only renderer/ may import React.' };
const mainCode = { regex: '(^|/)main/', message: 'renderer/ and preload/ never import main/ code.' };
const rendererCode = { regex: '(^|/)renderer/', message: 'main/ never imports renderer code.' };

/** @param {Array<{regex?: string, name?: string, message: string}>} rules */
function restrict(rules) {
  const paths = rules.filter((r) => r.name).map((r) => ({ name: r.name ?? '', message: r.message }));
  const patterns = rules.filter((r) => r.regex).map((r) => ({ regex: r.regex ?? '', message: r.message }));
  return ['error', { paths, patterns }];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'resources/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='waitForTimeout']",
          message: 'Wait on DOM state, never on time.',
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([nodeBuiltins, noElectron, tfjs, react, mainCode, rendererCode]),
    },
  },
  {
    files: ['main/engine/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([noElectron, react, rendererCode]) },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/engine/**'],
    rules: { 'no-restricted-imports': restrict([react, rendererCode]) },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([react, mainCode, rendererCode, tfjs]) },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([noElectron, tfjs, mainCode, nodeBuiltins]),
    },
  },
);
