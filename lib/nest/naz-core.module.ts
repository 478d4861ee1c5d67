import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { NazMetadataAccessor } from './naz-metadata.accessor.js';
import { NazExplorer } from './naz.explorer.js';

/**
 * @internal What every `NazModule.forRoot()` shares: the handler explorer and its metadata accessor, once per
 * app. Every client's module imports this class; Nest builds a static module once, so the app is scanned once
 * however many clients it has (the shape of `@nestjs/bullmq`'s core module).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [NazExplorer, NazMetadataAccessor],
  exports: [NazExplorer],
})
export class NazCoreModule {}
