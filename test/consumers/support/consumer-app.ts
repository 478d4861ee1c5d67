import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runCommand, type CommandResult } from './run-command.js';

/** The repository root (tests run with it as the working directory). */
export const REPO_ROOT = resolve('.');

/**
 * The npm cache the consumer installs share, outside the clone so it survives between CI runs: installs come from
 * the npm registry, and `--prefer-offline` takes what the cache already has.
 */
export const NPM_CACHE = process.env.NAZ_NPM_CACHE ?? join(homedir(), '.cache', 'nestjs-naz', 'npm');

let tarball: Promise<string> | undefined;

/**
 * The package as users get it: `npm pack` of the built `dist/` (run `npm run build` first; `npm run
 * test:consumers` does). `NAZ_CONSUMER_TARBALL` points at another tarball instead (to check an older packaging).
 */
export function packedTarball(): Promise<string> {
  tarball ??= (async () => {
    if (process.env.NAZ_CONSUMER_TARBALL) return resolve(process.env.NAZ_CONSUMER_TARBALL);
    for (const entry of ['dist/esm/index.js', 'dist/cjs/index.js']) {
      if (!existsSync(join(REPO_ROOT, entry)))
        throw new Error(`${entry} is missing: run npm run build first`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'naz-pack-'));
    const { output } = await runCommand('npm', ['pack', '--json', '--pack-destination', dir], {
      cwd: REPO_ROOT,
    });
    const [{ filename }] = JSON.parse(output.slice(output.indexOf('['))) as Array<{ filename: string }>;
    return join(dir, filename);
  })();
  return tarball;
}

/** Deletes the tarball `packedTarball()` made (not one given by `NAZ_CONSUMER_TARBALL`). */
export async function removePackedTarball(): Promise<void> {
  if (tarball === undefined || process.env.NAZ_CONSUMER_TARBALL) return;
  const path = await tarball.catch(() => undefined);
  tarball = undefined;
  if (path !== undefined) await rm(dirname(path), { recursive: true, force: true });
}

/** A throwaway app made from `test/consumers/templates/<template>`, with the packed tarball installed. */
export class ConsumerApp {
  private constructor(
    /** The app's folder (a fresh temp dir). */
    readonly dir: string,
    /** What `npm install` printed. */
    readonly installOutput: string,
  ) {}

  /** Copies the template, points its `nestjs-naz` dependency at the tarball and installs from the registry. */
  static async install(template: string, tarballPath: string): Promise<ConsumerApp> {
    const dir = await mkdtemp(join(tmpdir(), `naz-consumer-${template}-`));
    await cp(join(REPO_ROOT, 'test', 'consumers', 'templates', template), dir, { recursive: true });
    const manifest = join(dir, 'package.json');
    await writeFile(
      manifest,
      (await readFile(manifest, 'utf8')).replace('__NAZ_TARBALL__', `file:${tarballPath}`),
    );
    try {
      const { output } = await runCommand(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--cache', NPM_CACHE],
        { cwd: dir },
      );
      return new ConsumerApp(dir, output);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs a command in the app's folder; rejects with its output when it fails. */
  run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
    return runCommand(command, args, { cwd: this.dir, env: { ...process.env, ...env } });
  }

  /**
   * Copies the probe scripts of test/consumers/probes into the app and returns their folder there: a script
   * resolves `nestjs-naz` from where it lies, so it must lie in the app to load the installed tarball (from the
   * repository it would load the repository's own build).
   */
  async copyProbes(): Promise<string> {
    const target = join(this.dir, 'naz-probes');
    await cp(join(REPO_ROOT, 'test', 'consumers', 'probes'), target, { recursive: true });
    return target;
  }

  /** Path of a bin the installed packages provide (`naz-smsc`, `nest`). */
  bin(name: string): string {
    return join(this.dir, 'node_modules', '.bin', name);
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
