import { MissingPeerDependencyError } from '../errors/missing-peer-dependency.error.js';

/** The part of `@opentelemetry/api` the tracing uses, loaded on first use only. */
export type OtelApi = typeof import('@opentelemetry/api');

let loaded: Promise<OtelApi> | undefined;

/**
 * @internal Loads `@opentelemetry/api` when tracing is turned on, so `import 'nestjs-naz'` works without it.
 *
 * @remarks
 * `import()` works from both builds (ESM and CommonJS). The specifier sits in a parameter so bundlers leave the
 * optional peer alone. A failed load is forgotten, so installing the package and retrying works.
 */
export function loadOtelApi(specifier = '@opentelemetry/api'): Promise<OtelApi> {
  loaded ??= import(specifier).then(
    (mod: Record<string, unknown>) => {
      // The API is CommonJS: some loaders expose it under `default` only.
      const api = (typeof mod.trace === 'object' ? mod : mod.default) as OtelApi;
      if (typeof api?.trace?.getTracer !== 'function') throw new Error(`${specifier} has no trace API`);
      return api;
    },
    (error: unknown) => {
      loaded = undefined;
      throw new MissingPeerDependencyError('@opentelemetry/api', 'OpenTelemetry tracing', error);
    },
  );
  return loaded;
}
