import type { NazLogger } from '../../logging/naz-logger.interface.js';
import type { OutboundQueue } from '../../queue/outbound-queue.interface.js';
import { InMemoryOutboundQueue } from '../../queue/in-memory-outbound-queue.js';
import { AdapterOptionsError, loadBuiltInAdapter } from './load-built-in-adapter.js';
import { importUserModule, ModuleLoadError } from './import-user-module.js';
import { missingQueueMethods } from './outbound-queue-check.js';
import type { QueueConfig } from './queue-config.interface.js';

/** The second argument a user's queue class (or factory) receives after its `options`. */
export interface QueueModuleContext {
  /** The config file's folder, to resolve files the queue reads. */
  configDir: string;
  /** The CLI's logger. */
  logger: NazLogger;
}

/** A queue that cannot be loaded or does not implement `OutboundQueue`; `path` is the config key at fault. */
export class QueueLoadError extends Error {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'QueueLoadError';
  }
}

/** Result of {@link loadQueue}: the queue (absent in a dry run of adapters that would connect) and what it is. */
export interface LoadedQueue {
  queue?: OutboundQueue;
  /** e.g. `memory (capacity 100000)`, `./my-queue.js#FileQueue`. */
  description: string;
}

/**
 * Loads the queue named by the config's `queue` key.
 *
 * @remarks
 * With `dryRun`, modules are imported and checked but nothing that could connect is constructed: a class's
 * prototype is checked for `enqueue`/`receive` instead of an instance.
 *
 * @throws QueueLoadError naming `queue.module` / `queue.export` / `queue.type` and what is wrong.
 */
export async function loadQueue(
  config: QueueConfig,
  context: QueueModuleContext & { dryRun: boolean; defaultCapacity?: number },
): Promise<LoadedQueue> {
  switch (config.type) {
    case 'memory': {
      const capacity = config.capacity ?? context.defaultCapacity;
      return {
        queue: new InMemoryOutboundQueue({ capacity }),
        description: `memory (capacity ${capacity ?? 100_000})`,
      };
    }
    case 'redis':
    case 'rabbitmq':
      try {
        return await loadBuiltInAdapter(config.type, config.options, context);
      } catch (error) {
        if (error instanceof AdapterOptionsError)
          throw new QueueLoadError(error.path, error.message, { cause: error });
        throw error;
      }
    case 'module':
      return loadModuleQueue(config, context);
  }
}

async function loadModuleQueue(
  config: Extract<QueueConfig, { type: 'module' }>,
  context: QueueModuleContext & { dryRun: boolean },
): Promise<LoadedQueue> {
  const description = `${config.module}#${config.exportName}`;
  let moduleExports: Record<string, unknown>;
  try {
    moduleExports = await importUserModule(config.module, context.configDir);
  } catch (error) {
    if (error instanceof ModuleLoadError)
      throw new QueueLoadError('queue.module', error.message, { cause: error });
    throw error;
  }
  if (!(config.exportName in moduleExports)) {
    const names = Object.keys(moduleExports).join(', ') || 'none';
    throw new QueueLoadError(
      'queue.export',
      `"${config.module}" has no export "${config.exportName}" (its exports: ${names})`,
    );
  }
  const exported = moduleExports[config.exportName];
  const notAQueue = (what: string, missing: string[]): QueueLoadError =>
    new QueueLoadError(
      'queue.export',
      `${what} "${config.exportName}" of "${config.module}" does not implement OutboundQueue: ` +
        `missing ${missing.map((m) => `${m}()`).join(' and ')} (it needs enqueue(message) and receive(max, signal))`,
    );

  if (typeof exported === 'function') {
    if (isClass(exported)) {
      const missing = missingQueueMethods(exported.prototype);
      if (context.dryRun) {
        if (missing.length > 0) throw notAQueue('class', missing);
        return { description: `${description} (class, not constructed in dry run)` };
      }
      const instance: unknown = new (exported as new (options: unknown, ctx: QueueModuleContext) => unknown)(
        config.options,
        { configDir: context.configDir, logger: context.logger },
      );
      const missingOnInstance = missingQueueMethods(instance);
      if (missingOnInstance.length > 0) throw notAQueue('class', missingOnInstance);
      return { queue: instance as OutboundQueue, description };
    }
    if (context.dryRun) return { description: `${description} (factory, not called in dry run)` };
    const made: unknown = await (exported as (options: unknown, ctx: QueueModuleContext) => unknown)(
      config.options,
      {
        configDir: context.configDir,
        logger: context.logger,
      },
    );
    const missing = missingQueueMethods(made);
    if (missing.length > 0) throw notAQueue('the object returned by factory', missing);
    return { queue: made as OutboundQueue, description };
  }
  const missing = missingQueueMethods(exported);
  if (missing.length > 0) throw notAQueue('export', missing);
  return { queue: exported as OutboundQueue, description };
}

function isClass(fn: unknown): fn is { new (...args: unknown[]): unknown; prototype: unknown } {
  return typeof fn === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(fn));
}
