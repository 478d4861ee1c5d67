import 'reflect-metadata';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  NAZ_HOOKS,
  NAZ_LOGGER,
  NAZ_OUTBOUND_QUEUE,
  NAZ_RATE_LIMITER,
  NAZ_THROTTLE_HANDLER,
  NazModule,
  SmppClientService,
} from '../../lib/nest/index.js';
import { InvalidOptionsError } from '../../lib/client/errors/index.js';
import type { SmscSimulator } from '../../lib/simulator/index.js';
import { clientOptionsFor, startSimulator } from './helpers.js';

let sim: SmscSimulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

/** Builds and starts an app with `imports`; resolves with the start-up error, or closes the app and resolves undefined. */
async function startupError(
  imports: Parameters<typeof Test.createTestingModule>[0]['imports'],
): Promise<unknown> {
  try {
    const moduleRef = await Test.createTestingModule({ imports }).compile();
    await moduleRef.init();
    await moduleRef.close();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('NazModule: policies of the wrong shape are refused at start-up, named by their token', () => {
  it.each([
    [NAZ_OUTBOUND_QUEUE, 'bad-Type', 'NAZ_OUTBOUND_QUEUE', /enqueue\(\)/],
    [NAZ_HOOKS, { beforeRequest: 'audit' }, 'NAZ_HOOKS.beforeRequest', /must be a function/],
    [NAZ_RATE_LIMITER, { tryAcquire: () => true }, 'NAZ_RATE_LIMITER.acquire', /acquire\(\) is missing/],
    [NAZ_LOGGER, console.log, 'NAZ_LOGGER.debug', /debug\(\) is missing/],
  ])(
    'forRoot() with a value provider for %s throws before the app is built',
    (token, value, path, message) => {
      let error: unknown;
      try {
        NazModule.forRoot({
          ...clientOptionsFor(sim),
          extraProviders: [{ provide: token, useValue: value }],
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InvalidOptionsError);
      expect(error).toMatchObject({ path, message: expect.stringMatching(message) });
    },
  );

  it('forRootAsync() with a factory-made throttle handler without onResponse() fails compile(), naming the token', async () => {
    const error = await startupError([
      NazModule.forRootAsync({
        useFactory: () => clientOptionsFor(sim),
        extraProviders: [{ provide: NAZ_THROTTLE_HANDLER, useFactory: () => ({ delayMs: () => 0 }) }],
      }),
    ]);
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect(error).toMatchObject({
      path: 'NAZ_THROTTLE_HANDLER.onResponse',
      message: expect.stringContaining('onResponse() is missing'),
    });
  });

  it('forRootAsync() with a class-made queue whose enqueue is not a method fails, naming the token', async () => {
    @Injectable()
    class HalfQueue {
      enqueue = 'later';
      receive() {
        return Promise.resolve([]);
      }
    }
    const error = await startupError([
      NazModule.forRootAsync({
        useFactory: () => clientOptionsFor(sim),
        extraProviders: [{ provide: NAZ_OUTBOUND_QUEUE, useClass: HalfQueue }],
      }),
    ]);
    expect(error).toMatchObject({
      name: 'InvalidOptionsError',
      path: 'NAZ_OUTBOUND_QUEUE.enqueue',
      message: expect.stringContaining('not a function (got the string "later")'),
    });
  });

  it('well-shaped policies pass, and the client binds', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        NazModule.forRoot({
          ...clientOptionsFor(sim),
          extraProviders: [{ provide: NAZ_HOOKS, useValue: { beforeRequest: () => undefined } }],
        }),
      ],
    }).compile();
    await moduleRef.init();
    try {
      await moduleRef.get(SmppClientService).waitUntilBound(5000);
      expect(moduleRef.get(SmppClientService).isBound()).toBe(true);
    } finally {
      await moduleRef.close();
    }
  });
});
