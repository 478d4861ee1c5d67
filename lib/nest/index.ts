export * from './naz.module.js';
export type {
  NazForRootOptions,
  NazForRootAsyncOptions,
  NazOptionsFactory,
} from './naz-module-definition.js';
export {
  DEFAULT_CLIENT_NAME,
  NAZ_OUTBOUND_QUEUE,
  NAZ_RATE_LIMITER,
  NAZ_THROTTLE_HANDLER,
  NAZ_HOOKS,
  NAZ_CORRELATOR,
  NAZ_LOGGER,
  NAZ_REASSEMBLER,
  NAZ_BIND_BUDGET,
  NAZ_MESSAGE_LEDGER,
} from './naz.constants.js';
export * from './smpp-client.service.js';
export * from './decorators/index.js';
export * from './interfaces/index.js';
export * from './utils/get-smpp-client-token.util.js';
export * from './nest-logger.adapter.js';
export * from './metrics/index.js';
export * from './router/index.js';
