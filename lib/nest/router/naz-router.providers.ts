import type { Provider } from '@nestjs/common';
import type { NazLogger } from '../../logging/naz-logger.interface.js';
import { NazRouterMetrics } from '../metrics/naz-router-metrics.js';
import { NestLoggerAdapter } from '../nest-logger.adapter.js';
import type { NazRouterModuleOptions } from './naz-router-options.interface.js';
import {
  DEFAULT_ROUTER_NAME,
  NAZ_ROUTER_LOGGER,
  NAZ_ROUTER_METRICS,
  NAZ_ROUTER_NAME,
  NAZ_ROUTER_OPTIONS,
} from './naz-router.constants.js';
import { getSmppRouterToken } from './get-smpp-router-token.util.js';
import { SmppRouterService } from './smpp-router.service.js';

/** @internal The providers of one router module; `extraProviders` come after these and replace any of them. */
export function createNazRouterProviders(name: string): Provider[] {
  const token = getSmppRouterToken(name);
  return [
    { provide: NAZ_ROUTER_NAME, useValue: name },
    {
      provide: NAZ_ROUTER_LOGGER,
      useFactory: (options: NazRouterModuleOptions, routerName: string): NazLogger =>
        new NestLoggerAdapter(
          routerName === DEFAULT_ROUTER_NAME ? 'Naz:router' : `Naz:router:${routerName}`,
          options.logLevel ?? 'info',
        ),
      inject: [NAZ_ROUTER_OPTIONS, NAZ_ROUTER_NAME],
    },
    {
      provide: NAZ_ROUTER_METRICS,
      useFactory: (options: NazRouterModuleOptions, routerName: string, logger: NazLogger) =>
        NazRouterMetrics.create(options.metrics, routerName, logger),
      inject: [NAZ_ROUTER_OPTIONS, NAZ_ROUTER_NAME, NAZ_ROUTER_LOGGER],
    },
    { provide: token, useClass: SmppRouterService },
  ];
}
