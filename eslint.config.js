// One lint config for the whole repo. Its main job is the import rules of ARCHITECTURE.md:
// each runtime folder may only import what exists where it runs (test/integration/lint-rules.test.ts
// proves the rules fire).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Bare names ("fs", "path") by exact match; anything "node:*" by pattern, so no import hits both.
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('node:'));

/** Build a no-restricted-imports rule from banned package names and path globs. */
function restrict({ packages = [], patterns = [] }) {
  return [
    'error',
    {
      paths: packages.map(({ name, why }) => ({ name, message: why })),
      patterns: patterns.map(({ group, why }) => ({ group, message: why })),
    },
  ];
}

const NODE = nodeBuiltins.map((name) => ({ name, why: 'Node built-ins do not exist in this runtime.' }));
const ELECTRON = [{ name: 'electron', why: 'Only electron/main and electron/preload may import electron.' }];
const NODE_GLOBS = [{ group: ['node:*'], why: 'Node built-ins do not exist in this runtime.' }];
const RENDERER = [{ group: ['**/renderer/**'], why: 'Only the UI imports renderer/.' }];
const HUB = [{ group: ['**/electron/hub/**', '**/hub/**'], why: 'Only electron/main may import the hub (to launch it).' }];
const DEMO = [{ group: ['**/electron/demo/**', '**/demo/**'], why: 'The demo platform is reached over HTTP, not imported.' }];
const MAIN = [{ group: ['**/electron/main/**', '**/main/**'], why: 'The Electron main process is not importable from here.' }];
const PRELOAD = [{ group: ['**/electron/preload/**', '**/preload/**'], why: 'The preload is a bundle of its own.' }];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict({
        packages: [...NODE, ...ELECTRON, { name: 'react', why: 'shared/ is runtime-neutral.' }],
        patterns: [...NODE_GLOBS, ...RENDERER, ...HUB, ...DEMO, ...MAIN, ...PRELOAD],
      }),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict({
        packages: [...NODE, ...ELECTRON],
        patterns: [...NODE_GLOBS, ...HUB, ...DEMO, ...MAIN, ...PRELOAD],
      }),
    },
  },
  {
    files: ['electron/hub/**/*.ts', 'electron/demo/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        packages: [...ELECTRON],
        patterns: [
          { group: ['electron/*'], why: 'The hub never imports electron.' },
          ...RENDERER,
          ...MAIN,
          ...PRELOAD,
        ],
      }),
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        packages: [...NODE],
        patterns: [...NODE_GLOBS, ...RENDERER, ...HUB, ...DEMO, ...MAIN],
      }),
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({ patterns: [...RENDERER, ...DEMO, ...PRELOAD] }),
    },
  },
);
