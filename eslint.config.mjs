// Flat config: Next's rules (React, hooks, a11y, @next/next) plus typescript-eslint's
// recommended set. Kept deliberately ordinary so typed library code passes without ceremony.
import js from '@eslint/js';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import tseslint from 'typescript-eslint';

export default [
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      'notebooks/**',
      'bench/results/**',
      'out/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  // core-web-vitals is eslint-config-next's base config plus @next/next's core-web-vitals rules.
  ...nextCoreWebVitals,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      // TypeScript already reports undefined names; the core rule misreads type-only globals.
      'no-undef': 'off',
      '@typescript-eslint/no-explicit-any': 'warn',
      // `const self = this` is the plain way to hand `this` to object-literal getters/closures.
      '@typescript-eslint/no-this-alias': ['error', { allowDestructuring: true, allowedNames: ['self'] }],
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
    },
  },
  {
    // The CLI entry and configs are plain ESM run by Node.
    files: ['**/*.{js,mjs,cjs}'],
    rules: {
      'import/no-anonymous-default-export': 'off',
    },
  },
];
