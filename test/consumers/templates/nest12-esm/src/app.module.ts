import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { NazModule } from 'nestjs-naz';
import { SmppHealthIndicator } from 'nestjs-naz/health';
import { HealthController } from './health.controller.js';
import { MessagesController } from './messages.controller.js';
import { SmsEvents } from './sms-events.service.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    TerminusModule,
    NazModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        host: config.get<string>('SMSC_HOST', '127.0.0.1'),
        port: Number(config.getOrThrow<string>('SMSC_PORT')),
        systemId: config.get<string>('SMSC_SYSTEM_ID', 'consumer'),
        password: config.get<string>('SMSC_PASSWORD', 'secret'),
        defaults: { from: 'Consumer', registeredDelivery: true },
        drainTimeoutMs: 5000,
      }),
    }),
  ],
  controllers: [MessagesController, HealthController],
  providers: [SmsEvents, SmppHealthIndicator],
})
export class AppModule {}
