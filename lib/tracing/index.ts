export * from './create-otel-tracing.js';
export * from './message-tracing.interface.js';
export * from './otel-tracing-options.interface.js';
export * from './smpp-trace-attributes.js';
export type { MessageTraceContext } from '../message/message-trace-context.interface.js';
