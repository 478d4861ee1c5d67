export * from './naz-router.module.js';
export type {
  NazForRouterOptions,
  NazForRouterAsyncOptions,
  NazRouterOptionsFactory,
} from './naz-router-module-definition.js';
export type * from './naz-router-options.interface.js';
export type * from './naz-router-event.interface.js';
export { DEFAULT_ROUTER_NAME, NAZ_ROUTER_QUEUE } from './naz-router.constants.js';
export * from './smpp-router.service.js';
export * from './get-smpp-router-token.util.js';
export * from './inject-smpp-router.decorator.js';
