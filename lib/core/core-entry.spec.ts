import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const LIB = resolve('lib');

/** Every file of ours and every package the `nestjs-naz/core` entry reaches through its imports (type-only too). */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (!specifier.startsWith('.')) {
        if (!specifier.startsWith('node:')) packages.add(specifier);
        continue;
      }
      const base = join(dirname(file), specifier.replace(/\.js$/, ''));
      const target = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (target === undefined) throw new Error(`${relative(LIB, file)}: cannot resolve ${specifier}`);
      pending.push(target);
    }
  }
  return { files: [...files].map((f) => relative(LIB, f)).sort(), packages: [...packages].sort() };
}

describe('the nestjs-naz/core entry', () => {
  const graph = importGraph(join(LIB, 'core', 'index.ts'));

  it('imports no Nest package, rxjs or reflect-metadata, not even for types', () => {
    // ioredis, amqplib and pg are optional peers, imported on first use only (dynamic import()).
    expect(graph.packages).toEqual(['amqplib', 'iconv-lite', 'ioredis', 'pg']);
  });

  it('reaches no file of the Nest layer or the health indicator', () => {
    expect(graph.files.filter((f) => f.startsWith('nest/') || f.startsWith('health/'))).toEqual([]);
    expect(graph.files.length).toBeGreaterThan(100);
  });
});
