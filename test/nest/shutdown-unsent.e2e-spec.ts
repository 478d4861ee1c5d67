import 'reflect-metadata';
import { describe, it, expect } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import type { InMemoryOutboundQueue } from '../../lib/queue/in-memory-outbound-queue.js';
import {
  NAZ_LOGGER,
  NAZ_OUTBOUND_QUEUE,
  NazModule,
  SmppClientService,
  type NazEvent,
} from '../../lib/nest/index.js';
import { RecordingLogger, clientOptionsFor, freePort } from './helpers.js';

/** A compiled (not yet initialised) module whose SMSC port has nothing listening, and the logger it logs to. */
async function compileWithSmscDown(): Promise<{ logger: RecordingLogger; moduleRef: TestingModule }> {
  const logger = new RecordingLogger();
  const moduleRef = await Test.createTestingModule({
    imports: [
      NazModule.forRoot({
        ...clientOptionsFor({ host: '127.0.0.1', port: await freePort() }),
        drainTimeoutMs: 0,
        extraProviders: [{ provide: NAZ_LOGGER, useValue: logger }],
      }),
    ],
  }).compile();
  return { logger, moduleRef };
}

describe('NazModule shutdown with the SMSC down', () => {
  it('logs the unsent messages, emits stopped on events$, and keeps them in stopResult', async () => {
    const { logger, moduleRef } = await compileWithSmscDown();
    await moduleRef.init();
    const smpp = moduleRef.get(SmppClientService);
    const events: NazEvent[] = [];
    smpp.events$.subscribe((e) => events.push(e));
    await smpp.send({ to: '447700900123', text: 'one', correlationId: 'nest-1' });
    await smpp.send({ to: '447700900123', text: 'two', correlationId: 'nest-2' });

    await moduleRef.close();

    expect(smpp.stopResult?.unsent.map((m) => m.correlationId)).toEqual(['nest-1', 'nest-2']);
    expect(logger.messages('warn')).toContain(
      "stop: 2 message(s) still queued were not sent (nest-1, nest-2); handed back in stop()'s result (the in-memory queue dies with the process; set spillFile to keep them)",
    );
    const stopped = events.find((e) => e.type === 'stopped');
    expect(stopped?.payload).toBe(smpp.stopResult);
  });
});

describe('NazModule closed before the app bootstrapped', () => {
  it('closes the default policies it built and reports what was queued before the start', async () => {
    const { logger, moduleRef } = await compileWithSmscDown();
    // compile() runs no lifecycle hook: the client was never started, as when another provider's
    // onApplicationBootstrap throws and the app is closed.
    const smpp = moduleRef.get(SmppClientService);
    const queue = moduleRef.get<InMemoryOutboundQueue>(NAZ_OUTBOUND_QUEUE);
    await smpp.send({ to: '447700900123', text: 'early', correlationId: 'early-1' });

    await moduleRef.close();

    expect(smpp.stopResult?.unsent.map((m) => m.correlationId)).toEqual(['early-1']);
    // The default queue was closed by the client's stop: nothing more gets in.
    await expect(
      queue.enqueue({ to: '447700900123', text: 'late', correlationId: 'late-1' }),
    ).rejects.toThrow('outbound queue is closed');
    expect(logger.messages('warn').join('\n')).toContain('early-1');
  });
});
