import { Inject, Injectable, Optional } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { NazHandlerMetadata } from './interfaces/naz-handler-metadata.interface.js';
import { NazMetadataAccessor } from './naz-metadata.accessor.js';
import { NAZ_LOGGER } from './naz.constants.js';
import { NestLoggerAdapter } from './nest-logger.adapter.js';

/** @internal A handler found at bootstrap: its metadata and a bound function to call. */
export interface DiscoveredHandler extends NazHandlerMetadata {
  /** `ClassName.methodName`, for logs. */
  label: string;
  call: (event: unknown) => unknown;
}

/**
 * @internal Finds the methods decorated with naz's handler decorators on every provider and controller of the app.
 *
 * @remarks
 * One per app: `NazCoreModule` provides it once, however many clients `forRoot()` registers (as
 * `@nestjs/bullmq` registers its explorer in a global core module), and the app is scanned once; each client's
 * `SmppClientService` takes the handlers meant for it.
 *
 * Like @nestjs/schedule: methods are read from each instance's prototype with `MetadataScanner`; a request-scoped
 * (or transient-tree) provider has no single instance to call, so its handlers are skipped with a warning that
 * says how to fix it, never silently.
 */
@Injectable()
export class NazExplorer {
  private readonly logger: NazLogger;
  private found: readonly DiscoveredHandler[] | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly metadata: NazMetadataAccessor,
    @Optional() @Inject(NAZ_LOGGER) logger?: NazLogger,
  ) {
    this.logger = logger ?? new NestLoggerAdapter('Naz');
  }

  /**
   * Every handler of the app, in discovery order: scanned on the first call (from the first client's
   * `onModuleInit`, when every provider exists), the same list after.
   */
  explore(): readonly DiscoveredHandler[] {
    this.found ??= this.scan();
    return this.found;
  }

  private scan(): DiscoveredHandler[] {
    const found: DiscoveredHandler[] = [];
    const wrappers = [...this.discovery.getControllers(), ...this.discovery.getProviders()];
    for (const wrapper of wrappers) {
      // A useExisting alias shares the instance of the provider it points to: that one is scanned already.
      if (wrapper.isAlias) continue;
      const instance: unknown = wrapper.instance;
      const prototype = this.prototypeOf(instance, wrapper.metatype);
      if (!prototype) continue;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method: unknown = (prototype as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const entries = this.metadata.handlersOf(method);
        if (entries.length === 0) continue;
        const className = (prototype.constructor as { name?: string } | undefined)?.name ?? 'anonymous';
        const label = `${className}.${methodName}`;
        if (!wrapper.isDependencyTreeStatic()) {
          for (const entry of entries) {
            this.logger.warn(
              `${entry.decorator} on ${label} is ignored: ${className} is request-scoped (or depends on a request-scoped provider), so there is no single instance to call. Move the handler to a singleton provider.`,
              { handler: label, decorator: entry.decorator },
            );
          }
          continue;
        }
        if (instance === null || typeof instance !== 'object') continue;
        const bound = (method as (event: unknown) => unknown).bind(instance);
        for (const entry of entries) found.push({ ...entry, label, call: bound });
      }
    }
    return found;
  }

  private prototypeOf(instance: unknown, metatype: unknown): object | undefined {
    if (instance !== null && typeof instance === 'object') {
      const proto: unknown = Object.getPrototypeOf(instance);
      if (proto !== null && typeof proto === 'object' && proto !== Object.prototype) return proto;
    }
    // Request-scoped wrappers have no static instance; their class still tells us about decorated methods.
    if (
      typeof metatype === 'function' &&
      metatype.prototype !== null &&
      typeof metatype.prototype === 'object'
    ) {
      return metatype.prototype as object;
    }
    return undefined;
  }
}
