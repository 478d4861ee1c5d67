import type { PromClientModule } from './prom-client.types.js';

/**
 * @internal Loads prom-client when the app has it; resolves `undefined` otherwise.
 *
 * @remarks
 * The specifier lives in a variable so bundlers and `tsc` leave the optional peer alone: an app without
 * prom-client must start without it.
 */
export async function loadPromClient(specifier = 'prom-client'): Promise<PromClientModule | undefined> {
  try {
    const loaded: unknown = await import(specifier);
    const mod = unwrapDefault(loaded);
    return isPromClient(mod) ? mod : undefined;
  } catch {
    return undefined;
  }
}

function unwrapDefault(loaded: unknown): unknown {
  if (isPromClient(loaded)) return loaded;
  // prom-client is CommonJS: some loaders expose it under `default` only.
  if (loaded !== null && typeof loaded === 'object' && 'default' in loaded) return loaded.default;
  return loaded;
}

function isPromClient(value: unknown): value is PromClientModule {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.Counter === 'function' &&
    typeof v.Gauge === 'function' &&
    typeof v.Histogram === 'function' &&
    typeof v.register === 'object'
  );
}
