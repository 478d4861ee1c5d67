import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConsumerApp, NPM_CACHE, packedTarball, removePackedTarball } from './support/consumer-app.js';

const INSTALL_TIMEOUT_MS = 600_000;
const STEP_TIMEOUT_MS = 120_000;
/** The Nest 11 runtime a CommonJS app has (all CommonJS: whatever loads it lands in the module cache). */
const NEST_11_RUNTIME = [
  '@nestjs/common@11.2.12',
  '@nestjs/core@11.2.12',
  'reflect-metadata@0.2.2',
  'rxjs@7.8.2',
];

interface LoadProbe {
  specifier: string;
  how: string;
  resolvedFrom: string;
  exports: number;
  rssAddedMb: number;
  loadMs: number;
  reflectGetMetadata: string;
  heavyModules: number;
  firstHeavyModule: string | null;
}

function lastJsonLine<T>(output: string): T {
  const lines = output.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** A plain Node app with only the packed tarball installed; later the Nest 11 runtime is added beside it. */
let app: ConsumerApp;
let probes: string;

beforeAll(async () => {
  app = await ConsumerApp.install('plain-node', await packedTarball());
  probes = await app.copyProbes();
}, INSTALL_TIMEOUT_MS);

afterAll(async () => {
  await app?.remove();
  await removePackedTarball();
});

describe('nestjs-naz/core for plain Node: no Nest to install', () => {
  it('installs without the Nest peers (they are optional)', () => {
    for (const peer of ['@nestjs/common', '@nestjs/core', 'rxjs', 'reflect-metadata']) {
      expect({ peer, installed: existsSync(join(app.dir, 'node_modules', peer)) }).toEqual({
        peer,
        installed: false,
      });
    }
  });

  it(
    'sends a message to the bundled simulator with the engine alone',
    async () => {
      const { output } = await app.run(process.execPath, ['send-one.cjs']);
      const result = lastJsonLine<{ messageIds: string[]; nestModulesLoaded: number }>(output);
      expect(result.messageIds).toHaveLength(1);
      expect(result.nestModulesLoaded).toBe(0);
    },
    STEP_TIMEOUT_MS,
  );
});

describe('the bins of the installed package', () => {
  it(
    'naz-cli reports the package version',
    async () => {
      const { output } = await app.run(app.bin('naz-cli'), ['--version']);
      const { version } = JSON.parse(
        await readFile(join(app.dir, 'node_modules', 'nestjs-naz', 'package.json'), 'utf8'),
      ) as {
        version: string;
      };
      expect(output.trim()).toBe(version);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'naz-smsc prints its help',
    async () => {
      const { output } = await app.run(app.bin('naz-smsc'), ['--help']);
      expect(output).toMatch(/--receipt-delay/);
    },
    STEP_TIMEOUT_MS,
  );
});

describe('tracing without @opentelemetry/api installed (an optional peer)', () => {
  it.each(['require', 'import'] as const)(
    'through %s sends untraced and loads nothing of OpenTelemetry; createOtelTracing() names the package',
    async (how) => {
      const { output } = await app.run(process.execPath, [join(probes, 'tracing-absent.cjs'), how]);
      expect(lastJsonLine(output)).toEqual({
        how,
        messageIds: 1,
        loadedWithoutTracing: 0,
        tracingError: {
          name: 'MissingPeerDependencyError',
          message:
            'OpenTelemetry tracing needs the optional peer dependency "@opentelemetry/api": run npm install @opentelemetry/api',
          packageName: '@opentelemetry/api',
        },
      });
    },
    STEP_TIMEOUT_MS,
  );
});

describe('the packed package beside an installed Nest 11', () => {
  beforeAll(async () => {
    await app.run('npm', [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--cache',
      NPM_CACHE,
      ...NEST_11_RUNTIME,
    ]);
  }, INSTALL_TIMEOUT_MS);

  async function probe(specifier: string, how: 'require' | 'import'): Promise<LoadProbe> {
    const { output } = await app.run(process.execPath, [join(probes, 'lean-core.cjs'), specifier, how]);
    const result = lastJsonLine<LoadProbe>(output);
    // The installed tarball, not the repository's build.
    expect(result.resolvedFrom.startsWith(join(app.dir, 'node_modules', 'nestjs-naz'))).toBe(true);
    // The figures for the report (issue 14: the root added ~52 MB; the core entry should add ≤ 25 MB).
    process.stdout.write(`load probe ${JSON.stringify(result)}\n`);
    return result;
  }

  it.each(['require', 'import'] as const)(
    'nestjs-naz/core through %s loads nothing of Nest, rxjs or reflect-metadata',
    async (how) => {
      const core = await probe('nestjs-naz/core', how);
      expect(core).toMatchObject({
        reflectGetMetadata: 'undefined',
        heavyModules: 0,
        firstHeavyModule: null,
      });
      expect(core.exports).toBeGreaterThan(100);
    },
    STEP_TIMEOUT_MS,
  );

  it.each(['require', 'import'] as const)(
    'the root entry through %s is the Nest-first one (the probe sees Nest load)',
    async (how) => {
      const root = await probe('nestjs-naz', how);
      expect(root.reflectGetMetadata).toBe('function');
      expect(root.heavyModules).toBeGreaterThan(0);
      expect(root.firstHeavyModule?.startsWith(join(app.dir, 'node_modules'))).toBe(true);
    },
    STEP_TIMEOUT_MS,
  );

  it(
    'loaded twice in one process (import and require), both copies agree on tokens and recognise each other’s errors',
    async () => {
      const { output } = await app.run(process.execPath, [join(probes, 'dual-copies.mjs')]);
      expect(lastJsonLine(output)).toEqual({
        cjsResolvedFrom: join(app.dir, 'node_modules', 'nestjs-naz', 'dist', 'cjs', 'index.js'),
        distinctCopies: true,
        coreSharesRootCopy: true,
        tokensEqual: {
          NAZ_OUTBOUND_QUEUE: true,
          NAZ_RATE_LIMITER: true,
          NAZ_THROTTLE_HANDLER: true,
          NAZ_HOOKS: true,
          NAZ_CORRELATOR: true,
          NAZ_LOGGER: true,
          NAZ_REASSEMBLER: true,
        },
        defaultClientName: true,
        brandEqual: true,
        cjsErrorIsNazErrorForEsm: true,
        esmErrorIsNazErrorForCjs: true,
        cjsErrorInstanceofEsmClass: true,
        esmErrorInstanceofCjsClass: true,
        cjsErrorInstanceofEsmBase: true,
        cjsErrorInstanceofOtherEsmClass: false,
        subclassInstanceofEsmParent: true,
        namedGuard: true,
        namedGuardParent: true,
        namedGuardOther: false,
        plainErrorIsNazError: false,
        plainErrorInstanceofSubmitError: false,
      });
    },
    STEP_TIMEOUT_MS,
  );
});
