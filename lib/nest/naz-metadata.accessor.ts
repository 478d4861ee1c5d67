import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NazHandlerMetadata } from './interfaces/naz-handler-metadata.interface.js';
import { NAZ_HANDLER_METADATA } from './naz.constants.js';

/** @internal Reads the handler metadata naz's decorators recorded on a method (as `@nestjs/bullmq`'s accessor). */
@Injectable()
export class NazMetadataAccessor {
  constructor(private readonly reflector: Reflector) {}

  /** The handler entries on a method; empty when it has none. */
  handlersOf(method: object): NazHandlerMetadata[] {
    const value = this.reflector.get<unknown>(NAZ_HANDLER_METADATA, method as () => unknown);
    return Array.isArray(value) ? (value as NazHandlerMetadata[]) : [];
  }
}
