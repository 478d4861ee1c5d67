import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EmbeddedSmsc } from './embedded-smsc.js';

/** Token of the embedded simulator: an `EmbeddedSmsc`, or null when `SMSC_HOST` points at a real SMSC. */
export const EMBEDDED_SMSC = Symbol('EMBEDDED_SMSC');

/** Provides the embedded simulator when no SMSC is configured. */
@Module({
  providers: [
    {
      provide: EMBEDDED_SMSC,
      inject: [ConfigService],
      useFactory: async (config: ConfigService): Promise<EmbeddedSmsc | null> => {
        if (config.get<string>('SMSC_HOST')) return null;
        return EmbeddedSmsc.start({
          receiptDelayMs: Number(config.get<string>('SIM_RECEIPT_DELAY_MS') ?? 1000),
          moEveryMs: Number(config.get<string>('SIM_MO_EVERY_MS') ?? 15000),
          consolePort: Number(config.get<string>('SIM_CONSOLE_PORT') ?? 0),
        });
      },
    },
  ],
  exports: [EMBEDDED_SMSC],
})
export class SmscModule {}
