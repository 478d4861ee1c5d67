import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A module named in the config that cannot be found or fails to load. */
export class ModuleLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModuleLoadError';
  }
}

/**
 * Imports a module named in a config file: a relative path (from `fromDir`, the config's folder), an
 * absolute path, or a package name resolved from `fromDir`.
 *
 * @throws ModuleLoadError saying what was looked for and where.
 */
export async function importUserModule(spec: string, fromDir: string): Promise<Record<string, unknown>> {
  let resolved: string;
  if (spec.startsWith('.') || isAbsolute(spec)) {
    resolved = resolve(fromDir, spec);
    try {
      await access(resolved);
    } catch {
      throw new ModuleLoadError(`module "${spec}" not found (looked for ${resolved})`);
    }
  } else {
    try {
      resolved = createRequire(join(fromDir, 'naz-cli-config.js')).resolve(spec);
    } catch (error) {
      throw new ModuleLoadError(`package "${spec}" not found from ${fromDir}`, { cause: error });
    }
  }
  try {
    return (await import(pathToFileURL(resolved).href)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ModuleLoadError(`module "${spec}" failed to load: ${reason}`, { cause: error });
  }
}
