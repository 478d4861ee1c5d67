export type * from './naz-module-options.interface.js';
export type * from './naz-handler-options.interface.js';
export type { NazHandlerKind } from './naz-handler-metadata.interface.js';
export type * from './submit-result-event.interface.js';
export type * from './naz-event.interface.js';
export type * from './handler-events.interface.js';
