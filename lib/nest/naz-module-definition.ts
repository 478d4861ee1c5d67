import {
  ConfigurableModuleBuilder,
  type ConfigurableModuleAsyncOptions,
  type DynamicModule,
} from '@nestjs/common';
import type { NazModuleExtras, NazModuleOptions } from './interfaces/naz-module-options.interface.js';
import { DEFAULT_CLIENT_NAME, NAZ_MODULE_OPTIONS } from './naz.constants.js';
import { NazCoreModule } from './naz-core.module.js';
import { createNazProviders } from './naz.providers.js';
import { getSmppClientToken } from './utils/get-smpp-client-token.util.js';
import { validateExtraProviders } from './utils/validate-extra-providers.util.js';

/**
 * Adds one client's providers to the dynamic module built by `ConfigurableModuleBuilder`: the defaults first, then
 * the user's `extraProviders`, so a provider there replaces the default of the same token (Nest keeps the last).
 */
function withNazProviders(definition: DynamicModule, extras: NazModuleExtras): DynamicModule {
  const name = extras.name ?? DEFAULT_CLIENT_NAME;
  return {
    ...definition,
    global: extras.isGlobal ?? false,
    // The explorer is the app's, not this client's: NazCoreModule is built once for every forRoot().
    imports: [...(definition.imports ?? []), NazCoreModule],
    providers: [
      ...(definition.providers ?? []),
      ...createNazProviders(name),
      ...validateExtraProviders(extras.extraProviders ?? []),
    ],
    exports: [getSmppClientToken(name)],
  };
}

/** The `ConfigurableModuleBuilder` output behind `NazModule.forRoot()` / `forRootAsync()`. */
export const { ConfigurableModuleClass: ConfigurableNazModule } =
  new ConfigurableModuleBuilder<NazModuleOptions>({ optionsInjectionToken: NAZ_MODULE_OPTIONS })
    .setClassMethodName('forRoot')
    .setFactoryMethodName('createNazOptions')
    .setExtras<NazModuleExtras>(
      { name: DEFAULT_CLIENT_NAME, isGlobal: false, extraProviders: [] },
      withNazProviders,
    )
    .build();

/** What `NazModule.forRoot()` accepts: the client options plus `name`, `isGlobal`, `extraProviders`. */
export type NazForRootOptions = NazModuleOptions & NazModuleExtras;
/** What `NazModule.forRootAsync()` accepts: `imports`, `inject`, `useFactory` | `useClass` | `useExisting`, plus the extras. */
export type NazForRootAsyncOptions = ConfigurableModuleAsyncOptions<NazModuleOptions, 'createNazOptions'> &
  NazModuleExtras;

/**
 * A class `forRootAsync({ useClass })` or `useExisting` can point to.
 *
 * @example
 * ```ts
 * @Injectable()
 * class SmppConfig implements NazOptionsFactory {
 *   constructor(private readonly config: ConfigService) {}
 *   createNazOptions(): NazModuleOptions { return { host: this.config.getOrThrow('SMSC_HOST'), ... }; }
 * }
 * ```
 */
export interface NazOptionsFactory {
  createNazOptions(): NazModuleOptions | Promise<NazModuleOptions>;
}
