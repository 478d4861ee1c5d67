import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Repository root (tests run with it as cwd). */
export const ROOT = process.cwd();
/** The compiled bin the tests spawn. */
export const CLI_JS = join(ROOT, '.out/lib/cli/naz-cli.js');
const STAMP = join(ROOT, '.out/.naz-cli.stamp');
const LOCK = join(ROOT, '.out/.naz-cli.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  return (
    existsSync(CLI_JS) && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource(join(ROOT, 'lib'))
  );
}

/**
 * Compiles the bin (lib/cli/naz-cli.ts and what it imports) to .out with tsc, unless the output is newer
 * than every source. A lock directory keeps parallel Jest workers from compiling at the same time.
 */
export async function ensureCliBuilt(): Promise<void> {
  if (isFresh()) return;
  mkdirSync(join(ROOT, '.out'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (isFresh()) return;
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'test/cli/tsconfig.cli.json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    // Other engineers' work in progress may not type-check; tsc still emits. Only a missing bin or an error in
    // lib/cli stops us.
    const cliErrors = (result.stdout ?? '').split('\n').filter((line) => line.startsWith('lib/cli/'));
    if (!existsSync(CLI_JS) || cliErrors.length > 0) {
      throw new Error(`building naz-cli failed:\n${cliErrors.join('\n') || result.stdout || result.stderr}`);
    }
    writeFileSync(STAMP, String(started));
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
