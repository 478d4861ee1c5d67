import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NAZ_HANDLER_METADATA } from '../naz.constants.js';
import type { NazHandlerMetadata } from '../interfaces/naz-handler-metadata.interface.js';

/** Reads what earlier decorators on the same method recorded (decorators run before any injector exists). */
const reflector = new Reflector();

/**
 * @internal Appends one handler entry to a method's metadata, so a method may carry several handler decorators
 * (`@OnPdu('deliver_sm') @OnPdu('data_sm')`). Written with Nest's `SetMetadata`, read back with `Reflector`
 * (see `NazMetadataAccessor`), as `@nestjs/bullmq` and `@nestjs/schedule` do.
 */
export function addHandlerMetadata(entry: NazHandlerMetadata): MethodDecorator {
  return (target, key, descriptor) => {
    const method: unknown = descriptor.value;
    if (typeof method !== 'function') {
      throw new TypeError(`${entry.decorator} can only decorate a method`);
    }
    const existing = reflector.get<NazHandlerMetadata[] | undefined>(NAZ_HANDLER_METADATA, method) ?? [];
    return SetMetadata(NAZ_HANDLER_METADATA, [...existing, entry])(target, key, descriptor);
  };
}
