import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Repository root (Jest runs with it as cwd). */
export const ROOT = process.cwd();
/** Where child entry points and what they import are emitted. */
export const CHILD_OUT = join(ROOT, '.out/chaos');

/**
 * Emits `entry` and every relative module it imports (transitively) as ES2022 JavaScript under .out/chaos,
 * keeping the repository layout, and returns the path of the emitted entry.
 *
 * @remarks
 * Transpile only (`ts.transpileModule`, no type check): a few hundred milliseconds instead of the 6-20 s a
 * `tsc -p` of the same files takes on a loaded 2-core machine. Type errors are caught by the project's
 * `tsc -p tsconfig.json --noEmit` (which includes test/). A module whose output is newer than its source is not
 * emitted again.
 */
export function buildChild(entry: string): string {
  const seen = new Set<string>();
  const pending = [resolve(ROOT, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const target = join(CHILD_OUT, relative(ROOT, file)).replace(/\.ts$/, '.js');
    if (!existsSync(target) || statSync(target).mtimeMs < statSync(file).mtimeMs) emit(file, source, target);
    for (const imported of ts.preProcessFile(source, true, true).importedFiles) {
      const name = imported.fileName;
      if (!name.startsWith('.')) continue;
      pending.push(resolve(dirname(file), name.replace(/\.js$/, '.ts')));
    }
  }
  return join(CHILD_OUT, relative(ROOT, resolve(ROOT, entry))).replace(/\.ts$/, '.js');
}

/** Transpiles one module (an output older than its source is emitted again). */
function emit(file: string, source: string, target: string): void {
  const output = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ES2022,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  mkdirSync(dirname(target), { recursive: true });
  // Write then rename: test files in parallel Jest workers emit the same modules, and a child must never read
  // one half written.
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, output.outputText);
  renameSync(temporary, target);
}
