import type { SmppClientOptions } from '../../client/smpp-client-options.interface.js';
import { InvalidOptionsError } from '../../client/errors/invalid-options.error.js';
import type { NazModuleOptions } from '../interfaces/naz-module-options.interface.js';

/**
 * @internal The engine's options from the module's: the Nest-only keys removed (the engine rejects unknown keys,
 * which is what catches typos), the module's `name` extra set.
 */
export function toClientOptions(options: NazModuleOptions, name: string): SmppClientOptions {
  if (
    options.metrics !== undefined &&
    typeof options.metrics !== 'boolean' &&
    (typeof options.metrics !== 'object' || options.metrics === null)
  ) {
    throw new InvalidOptionsError(
      'metrics',
      'type',
      `metrics must be true, false or { registry?, latencyBuckets? }, got ${typeof options.metrics}`,
    );
  }
  if (
    options.tracing !== undefined &&
    typeof options.tracing !== 'boolean' &&
    (typeof options.tracing !== 'object' || options.tracing === null)
  ) {
    throw new InvalidOptionsError(
      'tracing',
      'type',
      `tracing must be true, false or { captureText?, tracerProvider? }, got ${typeof options.tracing}`,
    );
  }
  const { metrics: _metrics, tracing: _tracing, ...clientOptions } = options;
  return { ...clientOptions, name };
}
