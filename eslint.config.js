// @ts-check
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default defineConfig(
  globalIgnores(['.output/', '.wxt/', 'node_modules/', 'test/artifacts/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.webextensions },
    },
    rules: {
      // The code marks deliberately unused bindings with a leading underscore (`_seq`, `[_, x]`, `{ a: _a, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // The ideographic space (U+3000) is Chinese typography in UI text and demo pages, not a stray character.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
      // `cond ? a() : b()` and `x && f()` as statements are used on purpose; a bare unused value is still an error.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  // JSX for Preact: eslint-plugin-react's JSX rules only, told the pragma is Preact's `h`.
  // Not eslint-config-preact: it parses with @babel/eslint-parser (not TypeScript) and pins react-hooks 5.
  // Not react's `recommended`: its prop-types and unknown-property rules are for React (Preact takes `class`),
  // and TypeScript (jsxImportSource preact) already checks props and undefined components.
  {
    files: ['**/*.tsx'],
    plugins: { react },
    settings: { react: { pragma: 'h', fragment: 'Fragment', version: '16.0' } },
    rules: {
      'react/jsx-key': 'error',
      'react/jsx-no-comment-textnodes': 'error',
      'react/jsx-no-duplicate-props': 'error',
      'react/jsx-no-target-blank': 'error',
      'react/no-children-prop': 'error',
      'react/no-danger-with-children': 'error',
      'react/jsx-uses-vars': 'error',
    },
  },
  // Hooks rules hold for Preact's hooks (preact/hooks) as for React's. Not in rules/: it is framework-free
  // (test/rules-purity.test.ts), and its `useJudge` (rules/regex-check.ts) is a setter, not a hook.
  { ...reactHooks.configs.flat.recommended, ignores: ['rules/**'] },
  {
    rules: {
      // A React Compiler rule: it forbids writing to a prop or hook argument, but writing `signal.value`
      // is how @preact/signals is used (e.g. `c.text.value = …` in components/options/Confirm.tsx).
      'react-hooks/immutability': 'off',
    },
  },
  // Last: turn off every stylistic rule Prettier owns.
  prettier,
);
