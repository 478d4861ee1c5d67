import { Module } from '@nestjs/common';
import { ConfigurableNazRouterModule } from './naz-router-module-definition.js';

/**
 * The router's module, built by `NazModule.forRouter()` / `forRouterAsync()` (which are the way to import it).
 *
 * @remarks
 * It does not import the clients' modules: the router finds each client it names, wherever it is registered,
 * when the app initialises.
 */
@Module({})
export class NazRouterModule extends ConfigurableNazRouterModule {}
