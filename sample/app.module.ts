import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { NazModule } from '../lib/index.js';
import { SmppHealthIndicator } from '../lib/health/index.js';
import { HealthController } from './health/health.controller.js';
import { JsonBodyErrorFilter } from './http/json-body-error.filter.js';
import { InboundController } from './inbound/inbound.controller.js';
import { InboundStore } from './inbound/inbound-store.service.js';
import { DemoTraffic } from './messages/demo-traffic.service.js';
import { messageLedgerProvider } from './messages/message-ledger.provider.js';
import { MessagesController } from './messages/messages.controller.js';
import type { EmbeddedSmsc } from './smsc/embedded-smsc.js';
import { nazOptionsFromConfig } from './smsc/naz-options.factory.js';
import { EMBEDDED_SMSC, SmscModule } from './smsc/smsc.module.js';
import { scaleOutProviders } from './scale-out/scale-out.providers.js';

/**
 * The sample: send SMS over HTTP, follow their receipts, list inbound messages, report health.
 *
 * @remarks
 * `NazModule.forRootAsync` reads its options through `ConfigService` (environment variables, or a `.env` file).
 */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    TerminusModule,
    NazModule.forRootAsync({
      imports: [SmscModule],
      inject: [ConfigService, EMBEDDED_SMSC],
      useFactory: (config: ConfigService, embedded: EmbeddedSmsc | null) =>
        nazOptionsFromConfig(config, embedded),
      // Every message's history, for GET /messages/:id: in memory, or PostgreSQL with DATABASE_URL. Several
      // replicas of one account share work, receipts, rate and binds through Redis when REDIS_URL is set.
      extraProviders: [messageLedgerProvider, ...scaleOutProviders()],
    }),
  ],
  controllers: [MessagesController, InboundController, HealthController],
  providers: [
    InboundStore,
    SmppHealthIndicator,
    DemoTraffic,
    { provide: APP_FILTER, useClass: JsonBodyErrorFilter },
  ],
})
export class AppModule {}
