// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/*
 * Layer rules (issue 14, docs/ARCHITECTURE.md): which folders of lib/ a folder's library code may import.
 * ESLint's own `no-restricted-imports` enforces them, so a violation fails `npm run lint` (no extra plugin).
 * Imports are relative, so whether `../` leaves a folder depends on how deep the importing file sits: each layer gets
 * one block per depth, whose pattern matches exactly the `../` count that reaches lib/ and then names what is allowed
 * (or forbidden) there. Tests (`*.spec.ts`) are exempt: a session test may well talk to the simulator.
 */
const NEST_ONLY = ['lib/nest/**', 'lib/health/**'];
const NEST_PACKAGES = {
  group: ['@nestjs/*', 'rxjs', 'rxjs/*', 'reflect-metadata'],
  message:
    'Only lib/nest and lib/health may load Nest, rxjs or reflect-metadata (nestjs-naz/core stays Nest-free).',
};
// Deepest folder nesting the blocks cover below a layer (today's deepest is 2: lib/protocol/codec/testing/).
const MAX_DEPTH = 4;
const escapeRegex = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * @param {string} layer - folder under lib/
 * @param {{ allowOnly?: string[], forbid?: string[], why: string }} rule - `allowOnly`: the only targets outside the
 *   folder ('protocol/' for a folder, 'errors/naz-error.js' for one file); `forbid`: folders it must not import.
 */
function layerRule(layer, rule) {
  return Array.from({ length: MAX_DEPTH }, (_, depth) => {
    const toLib = `^(\\.\\./){${depth + 1}}`;
    // An empty allow-list forbids every import leaving the folder.
    const target = rule.allowOnly
      ? rule.allowOnly.length === 0
        ? ''
        : `(?!(?:${rule.allowOnly.map((t) => (t.endsWith('/') ? escapeRegex(t) : `${escapeRegex(t)}$`)).join('|')}))`
      : `(?:${rule.forbid?.map(escapeRegex).join('|')})/`;
    return {
      files: [`lib/${layer}/${'*/'.repeat(depth)}*.ts`],
      ignores: ['**/*.spec.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...(NEST_ONLY.some((glob) => glob.startsWith(`lib/${layer}/`)) ? [] : [NEST_PACKAGES]),
              { regex: `${toLib}${target}`, message: `lib/${layer}: ${rule.why} (docs/ARCHITECTURE.md)` },
            ],
          },
        ],
      },
    };
  });
}

const UPPER_LAYERS = ['client', 'nest', 'health', 'cli', 'core', 'simulator', 'session'];
const POLICY_RULE = {
  forbid: UPPER_LAYERS,
  why: 'a policy layer must not import the client (or anything above it); move shared types down',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '.out/**',
      'node_modules/**',
      'coverage/**',
      'docs/**',
      'bench/results/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  // Layers (later blocks replace this rule's options for their files, so each repeats the Nest ban).
  {
    files: ['lib/**/*.ts'],
    ignores: ['**/*.spec.ts', 'lib/index.ts', ...NEST_ONLY],
    rules: { 'no-restricted-imports': ['error', { patterns: [NEST_PACKAGES] }] },
  },
  ...layerRule('logging', { allowOnly: [], why: 'logging imports nothing of ours' }),
  ...layerRule('hooks', {
    allowOnly: ['protocol/', 'logging/'],
    why: 'the hooks interface imports only the protocol types and logging',
  }),
  ...layerRule('protocol', {
    allowOnly: ['errors/naz-error.js', 'errors/to-error.js'],
    why: 'the protocol imports nothing of ours but the NazError base and toError',
  }),
  ...layerRule('session', {
    allowOnly: ['protocol/', 'logging/', 'errors/naz-error.js', 'errors/to-error.js'],
    why: 'the session imports only the protocol, logging, the NazError base and toError',
  }),
  ...layerRule('simulator', {
    allowOnly: ['protocol/', 'logging/', 'errors/naz-error.js', 'errors/to-error.js'],
    why: 'the simulator imports only the protocol, logging, the NazError base and toError',
  }),
  ...layerRule('message', {
    allowOnly: ['protocol/'],
    why: 'the message types sit below the queue and the client and import only the protocol',
  }),
  ...layerRule('redis', {
    allowOnly: ['errors/naz-error.js', 'errors/missing-peer-dependency.error.js', 'tokens.js'],
    why: 'the shared Redis helpers sit below every Redis-backed policy and import none of them',
  }),
  ...['queue', 'rate-limit', 'throttle', 'correlation', 'reassembly', 'cluster', 'postgres', 'ledger'].flatMap(
    (layer) => layerRule(layer, POLICY_RULE),
  ),
  ...layerRule('client', {
    forbid: ['nest', 'health', 'cli', 'core', 'simulator'],
    why: 'the client knows nothing of Nest, the CLI or the entries above it',
  }),
  ...layerRule('router', {
    forbid: ['nest', 'health', 'cli', 'core', 'simulator'],
    why: 'the router drives clients and knows nothing of Nest, the CLI or the entries above it',
  }),
  ...layerRule('core', {
    forbid: ['nest', 'health', 'cli'],
    why: 'nestjs-naz/core loads no Nest',
  }),
);
