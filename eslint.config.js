// ESLint flat config. Besides style and correctness, it enforces the architecture of
// docs/architecture.md: data flows one way (pricing-data → price-tables → engine → state →
// features → app), so each folder below lists what it may not import, and why.
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------
// Import boundaries, built with the core `no-restricted-imports` rule. In flat config a later
// block replaces a rule's options rather than merging them, so every folder gets one complete
// list, composed from the pieces below.
// ---------------------------------------------------------------------------------------------

const PORTABLE =
  'runs in the browser and in the CLI alike, so it depends on no UI and no Node I/O.';

/** UI and document libraries: they belong to features/, components/ and app/. */
function uiLibraries(who) {
  const why = `${who} ${PORTABLE} UI libraries belong in src/features, src/components or src/app.`;
  return {
    paths: [
      'react',
      'react-dom',
      'zustand',
      'jspdf',
      'jspdf-autotable',
      'recharts',
      'react-hook-form',
    ].map((name) => ({ name, message: why })),
    patterns: [
      {
        group: [
          'react/*',
          'react-dom/*',
          'zustand/*',
          'jspdf/*',
          'recharts/*',
          '@tanstack/*',
          '@hookform/*',
        ],
        message: why,
      },
    ],
  };
}

/** Node built-ins (`fs`, `node:path`, …): not available in the browser bundle. */
function nodeBuiltins(who) {
  const why =
    `${who} ${PORTABLE} Node built-ins do not exist in the browser; ` +
    'read files and hash them in src/cli (or in a Node-only loader) and pass the data in.';
  const names = builtinModules.filter((name) => !name.startsWith('_'));
  return {
    paths: names.map((name) => ({ name, message: why })),
    patterns: [{ group: ['node:*'], message: why }],
  };
}

/** Relative imports into other top-level folders of src/. */
function folders(who, names, why) {
  return {
    paths: [],
    patterns: [
      {
        group: names.flatMap((name) => [`**/${name}`, `**/${name}/**`]),
        message: `${who} may not import from src/${names.join(', src/')}: ${why}`,
      },
    ],
  };
}

/** Individual packages, e.g. jspdf in the store. */
function packages(names, why) {
  return {
    paths: names.map((name) => ({ name, message: why })),
    patterns: [{ group: names.map((name) => `${name}/*`), message: why }],
  };
}

/** The feature folders, each a part of the UI (src/features/<name>/). */
const FEATURES = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Relative imports of the other features, from any depth inside `feature`. */
function otherFeatures(feature) {
  const others = FEATURES.filter((name) => name !== feature);
  return {
    paths: [],
    patterns: [
      {
        group: others.flatMap((name) => [
          `../${name}`,
          `../${name}/**`,
          `../../${name}`,
          `../../${name}/**`,
          `**/features/${name}`,
          `**/features/${name}/**`,
        ]),
        message:
          `src/features/${feature} may not import another feature: features do not import ` +
          'each other (src/app composes them); move what they share to src/components or ' +
          'src/reports.',
      },
    ],
  };
}

function restrictImports(...parts) {
  return [
    'error',
    {
      paths: parts.flatMap((part) => part.paths),
      patterns: parts.flatMap((part) => part.patterns),
    },
  ];
}

const boundaries = [
  {
    name: 'boundaries/engine',
    files: ['src/engine/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(
        uiLibraries('The engine'),
        nodeBuiltins('The engine'),
        folders(
          'The engine',
          ['price-tables', 'state', 'features', 'components', 'app', 'cli'],
          'it is handed a price table and a scenario and returns a quote, and imports nothing ' +
            'that sits above it (ADR 003).',
        ),
      ),
    },
  },
  {
    name: 'boundaries/price-tables',
    files: ['src/price-tables/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(
        uiLibraries('src/price-tables'),
        nodeBuiltins('src/price-tables'),
        folders(
          'src/price-tables',
          ['state', 'features', 'components', 'app', 'cli'],
          'price tables are loaded below the UI; they may use the engine and nothing above it.',
        ),
      ),
    },
  },
  {
    name: 'boundaries/state',
    files: ['src/state/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(
        folders(
          'The store',
          ['features', 'components', 'app', 'cli'],
          'the store holds the scenario document; views read from it, never the other way round.',
        ),
        packages(
          ['jspdf', 'jspdf-autotable', 'recharts'],
          'The store holds data, not documents or charts: render PDFs and charts in src/features ' +
            '(and load jspdf lazily there).',
        ),
      ),
    },
  },
  // One block per feature: besides the shell and the CLI, a feature may not import another
  // feature (ENGINEERING.md: features do not import each other; src/app composes them). What
  // several features share lives below them: src/components (UI pieces, formatting) and
  // src/reports (the quote shaped for tables, CSV and documents).
  ...FEATURES.map((feature) => ({
    name: `boundaries/features/${feature}`,
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': restrictImports(
        folders(
          'A feature',
          ['app', 'cli'],
          'src/app composes the features, so a feature never reaches up into the shell; the CLI ' +
            'is a separate program.',
        ),
        otherFeatures(feature),
      ),
    },
  })),
  {
    name: 'boundaries/reports',
    files: ['src/reports/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(
        packages(
          ['react', 'react-dom', 'zustand', 'recharts', 'react-hook-form'],
          `src/reports ${PORTABLE} It shapes a quote into rows, CSV and documents for the ` +
            'screen and the CLI alike: no React, no store.',
        ),
        nodeBuiltins('src/reports'),
        folders(
          'src/reports',
          ['price-tables', 'state', 'features', 'components', 'app', 'cli'],
          'it is handed a scenario and its quote and shapes them; it depends on the engine only.',
        ),
      ),
    },
  },
  {
    name: 'boundaries/components',
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrictImports(
        folders(
          'A shared component',
          ['features', 'app', 'cli', 'state'],
          'shared components are generic building blocks that receive data through props; ' +
            'features connect them to the store.',
        ),
      ),
    },
  },
];

export default defineConfig([
  globalIgnores([
    'dist/',
    'node_modules/',
    'coverage/',
    'test-results/',
    'pricing-data/*.schema.json',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'project/base',
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports' },
      ],
    },
  },

  {
    name: 'project/named-exports',
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportDefaultDeclaration',
          message: 'Use named exports: they keep one name for one thing across imports.',
        },
      ],
    },
  },

  {
    name: 'project/react',
    files: ['**/*.{tsx,jsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    name: 'project/a11y',
    files: ['**/*.{tsx,jsx}'],
    ...jsxA11y.flatConfigs.recommended,
  },

  {
    name: 'project/node',
    files: [
      'src/cli/**',
      'bench/**',
      'scripts/**',
      'tests/**',
      '*.config.{js,ts}',
      '.ci/**/*.{js,mjs}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },

  {
    name: 'project/console-allowed',
    files: ['src/cli/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },

  ...boundaries,
]);
