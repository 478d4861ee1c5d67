import 'reflect-metadata';
import { Injectable, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ResponseHookContext } from '../../lib/hooks/smpp-hooks.interface.js';
import {
  NAZ_HOOKS,
  NazModule,
  OnDeliveryReceipt,
  OnSubmitResult,
  SmppClientService,
  type SubmitResultEvent,
} from '../../lib/nest/index.js';
import type { RunMeter } from '../support/measure.js';
import type { Completion } from './completion.js';
import { measuredRun, runCompletion } from './naz-engine.driver.js';
import type { RunSpec } from './driver.interface.js';
import type { RunResult } from '../support/run-result.js';

/** Shared between the Nest providers and the driver for the duration of one run (`current`: the meter, once measuring). */
const run: { completion?: Completion; current?: RunMeter; receipts: boolean } = { receipts: false };

/** The user's side of the app: handlers found by the module's explorer, as in any Nest app. */
@Injectable()
class BenchHandlers {
  @OnSubmitResult()
  onResult(result: SubmitResultEvent): void {
    if (result.status === 'failed') throw new Error(`bench message failed: ${result.reason}`);
    if (!run.receipts) run.completion?.tick();
  }

  @OnDeliveryReceipt()
  onReceipt(): void {
    if (run.receipts) run.completion?.tick();
  }
}

/**
 * The full Nest path: `SmppClientService.send()` → in-memory queue → engine, results through
 * `@OnSubmitResult()` / `@OnDeliveryReceipt()` handlers discovered by the module.
 */
export async function nazNestDriver(spec: RunSpec): Promise<RunResult> {
  @Module({
    imports: [
      NazModule.forRoot({
        host: '127.0.0.1',
        port: spec.port,
        systemId: 'bench',
        password: 'bench',
        windowSize: spec.window,
        queueCapacity: 40_000,
        logLevel: 'error',
        metrics: false,
        defaults: { from: 'BENCH', sourceAddrTon: 5, registeredDelivery: spec.receipts },
        extraProviders: [
          {
            provide: NAZ_HOOKS,
            useValue: {
              afterResponse: (c: ResponseHookContext) => {
                if (c.request.command === 'submit_sm') run.current?.latency(c.elapsedMs);
              },
            },
          },
        ],
      }),
    ],
    providers: [BenchHandlers],
  })
  class BenchAppModule {}

  Logger.overrideLogger(['error']);
  const app = await NestFactory.createApplicationContext(BenchAppModule, { logger: ['error'] });
  const smpp = app.get(SmppClientService);
  await smpp.waitUntilBound(10_000);
  try {
    run.receipts = spec.receipts;
    run.completion = runCompletion(spec);
    return await measuredRun(spec, run, run.completion, (text) => smpp.send({ to: '447700900123', text }));
  } finally {
    run.completion = undefined;
    run.current = undefined;
    await app.close();
  }
}
