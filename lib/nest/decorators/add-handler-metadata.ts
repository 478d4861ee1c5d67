import 'reflect-metadata';
import { NAZ_HANDLER_METADATA } from '../naz.constants.js';
import type { NazHandlerMetadata } from '../interfaces/naz-handler-metadata.interface.js';

/**
 * @internal Appends one handler entry to a method's metadata, so a method may carry several handler decorators
 * (`@OnPdu('deliver_sm') @OnPdu('data_sm')`).
 */
export function addHandlerMetadata(entry: NazHandlerMetadata): MethodDecorator {
  return (_target, _key, descriptor) => {
    const method: unknown = descriptor.value;
    if (typeof method !== 'function') {
      throw new TypeError(`${entry.decorator} can only decorate a method`);
    }
    const existing = readHandlerMetadata(method);
    Reflect.defineMetadata(NAZ_HANDLER_METADATA, [...existing, entry], method);
    return descriptor;
  };
}

/** @internal The handler entries recorded on a method (empty when it has none). */
export function readHandlerMetadata(method: object): NazHandlerMetadata[] {
  const value: unknown = Reflect.getMetadata(NAZ_HANDLER_METADATA, method);
  return Array.isArray(value) ? (value as NazHandlerMetadata[]) : [];
}
