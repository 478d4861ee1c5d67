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
  const { metrics: _metrics, ...clientOptions } = options;
  return { ...clientOptions, name };
}
