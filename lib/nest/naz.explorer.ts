import { Inject, Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { NazLogger } from '../logging/naz-logger.interface.js';
import { readHandlerMetadata } from './decorators/add-handler-metadata.js';
import type { NazHandlerMetadata } from './interfaces/naz-handler-metadata.interface.js';
import { NAZ_LOGGER } from './naz.constants.js';

/** Methods of request-scoped providers already warned about, per app (one DiscoveryService per app). */
const warnedMethodsByApp = new WeakMap<object, WeakSet<object>>();

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
 * Like @nestjs/schedule: methods are read from each instance's prototype with `MetadataScanner`; a request-scoped
 * (or transient-tree) provider has no single instance to call, so its handlers are skipped with a warning that
 * says how to fix it, never silently.
 */
@Injectable()
export class NazExplorer {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    @Inject(NAZ_LOGGER) private readonly logger: NazLogger,
  ) {}

  /** Every handler of the app, in discovery order. */
  explore(): DiscoveredHandler[] {
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
        const entries = readHandlerMetadata(method);
        if (entries.length === 0) continue;
        const className = (prototype.constructor as { name?: string } | undefined)?.name ?? 'anonymous';
        const label = `${className}.${methodName}`;
        if (!wrapper.isDependencyTreeStatic()) {
          // Each client's module explores the app: warn once per method, not once per client.
          const warned = warnedMethodsByApp.get(this.discovery) ?? new WeakSet<object>();
          warnedMethodsByApp.set(this.discovery, warned);
          if (warned.has(method)) continue;
          warned.add(method);
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
