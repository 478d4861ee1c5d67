export * from './errors/index.js';
export * from './connect-socket.js';
export * from './sequence-generator.js';
export * from './session-events.interface.js';
export * from './session-state.js';
export * from './smpp-session-options.interface.js';
export * from './smpp-session.js';
export type { RequestCallback, RequestReceiver } from './pending-request.js';
