import {
  ConfigurableModuleBuilder,
  type ConfigurableModuleAsyncOptions,
  type DynamicModule,
} from '@nestjs/common';
import { NazCoreModule } from '../naz-core.module.js';
import type { NazRouterModuleExtras, NazRouterModuleOptions } from './naz-router-options.interface.js';
import { DEFAULT_ROUTER_NAME, NAZ_ROUTER_OPTIONS } from './naz-router.constants.js';
import { createNazRouterProviders } from './naz-router.providers.js';
import { getSmppRouterToken } from './get-smpp-router-token.util.js';

/** Adds the router's providers (defaults first, then `extraProviders`, which replace them) and exports it. */
function withRouterProviders(definition: DynamicModule, extras: NazRouterModuleExtras): DynamicModule {
  const name = extras.name ?? DEFAULT_ROUTER_NAME;
  return {
    ...definition,
    global: extras.isGlobal ?? false,
    // @OnRouterResult() handlers come from the app's one explorer.
    imports: [...(definition.imports ?? []), NazCoreModule],
    providers: [
      ...(definition.providers ?? []),
      ...createNazRouterProviders(name),
      ...(extras.extraProviders ?? []),
    ],
    exports: [getSmppRouterToken(name)],
  };
}

/** The `ConfigurableModuleBuilder` output behind `NazModule.forRouter()` / `forRouterAsync()`. */
export const { ConfigurableModuleClass: ConfigurableNazRouterModule } =
  new ConfigurableModuleBuilder<NazRouterModuleOptions>({ optionsInjectionToken: NAZ_ROUTER_OPTIONS })
    .setClassMethodName('forRouter')
    .setFactoryMethodName('createNazRouterOptions')
    .setExtras<NazRouterModuleExtras>(
      { name: DEFAULT_ROUTER_NAME, isGlobal: false, extraProviders: [] },
      withRouterProviders,
    )
    .build();

/** What `NazModule.forRouter()` accepts: routes, fallback, failover rules, plus `name`, `isGlobal`, `extraProviders`. */
export type NazForRouterOptions = NazRouterModuleOptions & NazRouterModuleExtras;
/** What `NazModule.forRouterAsync()` accepts: `imports`, `inject`, `useFactory` | `useClass` | `useExisting`, plus the extras. */
export type NazForRouterAsyncOptions = ConfigurableModuleAsyncOptions<
  NazRouterModuleOptions,
  'createNazRouterOptions'
> &
  NazRouterModuleExtras;

/** A class `forRouterAsync({ useClass })` or `useExisting` can point to. */
export interface NazRouterOptionsFactory {
  createNazRouterOptions(): NazRouterModuleOptions | Promise<NazRouterModuleOptions>;
}
