import { describe, it, expect, afterEach } from '@jest/globals';
import { InvalidMessageError } from '../../lib/client/errors/invalid-message.error.js';
import { InvalidOptionsError } from '../../lib/client/errors/invalid-options.error.js';
import { SmppClient } from '../../lib/client/smpp-client.js';
import type { SmppClientPolicies } from '../../lib/client/smpp-client-policies.interface.js';
import { InvalidTextCodecError } from '../../lib/protocol/encoding/invalid-text-codec.error.js';
import type { TextCodec } from '../../lib/protocol/encoding/text-codec.interface.js';
import { TextCodecRegistry } from '../../lib/protocol/encoding/text-codec.registry.js';
import { InMemoryOutboundQueue } from '../../lib/queue/in-memory-outbound-queue.js';
import type { QueuedMessage } from '../../lib/queue/outbound-queue.interface.js';
import type { SmscSimulator } from '../../lib/simulator/smsc-simulator.js';
import { CapturingLogger, clientOptions, startClient, startSimulator, until } from './client-test-helpers.js';

/** The error `fn` throws (fails the test when it throws nothing). */
function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('validation at start-up: policies of the wrong shape stop the constructor', () => {
  const options = clientOptions({ port: 2775 });

  it.each([
    ['queue', 'bad-Type', 'policies.queue', /must be an OutboundQueue.*enqueue\(\).*the string "bad-Type"/],
    ['queue', { enqueue: () => undefined }, 'policies.queue.receive', /receive\(\) is missing/],
    ['hooks', { beforeRequest: 'log it' }, 'policies.hooks.beforeRequest', /must be a function.*"log it"/],
    ['rateLimiter', { perSecond: 10 }, 'policies.rateLimiter.acquire', /RateLimiter: acquire\(\) is missing/],
    [
      'throttleHandler',
      { delayMs: () => 0 },
      'policies.throttleHandler.onResponse',
      /onResponse\(\) is missing/,
    ],
    ['correlator', { put: () => undefined }, 'policies.correlator.get', /Correlator: get\(\) is missing/],
    ['logger', { info: () => undefined }, 'policies.logger.debug', /NazLogger: debug\(\) is missing/],
    ['codecs', new Map(), 'policies.codecs.require', /TextCodecRegistry: require\(\) is missing/],
    ['reassembler', { push: () => undefined }, 'policies.reassembler.sweep', /sweep\(\) is missing/],
  ] as const)('%s = %p: InvalidOptionsError at %s', (key, value, path, message) => {
    const error = thrownBy(
      () => new SmppClient(options, { [key]: value } as unknown as SmppClientPolicies),
    ) as InvalidOptionsError;
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect(error.path).toBe(path);
    expect(error.rule).toBe('policy-shape');
    expect(error.message).toMatch(message);
  });

  it('a mistyped policy name is reported, not ignored', () => {
    const error = thrownBy(
      () => new SmppClient(options, { rateLimitr: {} } as unknown as SmppClientPolicies),
    ) as InvalidOptionsError;
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect(error.message).toMatch(/unknown policy rateLimitr; the policies are queue, rateLimiter/);
  });
});

describe('validation at start-up: unknown option keys', () => {
  it.each(['__proto__', 'constructor', 'hasOwnProperty'])(
    'an own key %s is reported like any other unknown option',
    (key) => {
      const options = { ...clientOptions({ port: 2775 }), ...JSON.parse(`{"${key}": {"x": 1}}`) };
      expect(Object.keys(options)).toContain(key);
      const error = thrownBy(() => new SmppClient(options)) as InvalidOptionsError;
      expect(error).toBeInstanceOf(InvalidOptionsError);
      expect(error.path).toBe(key);
      expect(error.message).toMatch(new RegExp(`^unknown option ${key}[;:]`));
      expect(error.message).not.toMatch(/\[object Object\]|native code|function/);
    },
  );
});

describe('validation at start-up: the codec registry', () => {
  it.each([
    ['a string', 'not-a-codec', 'codec'],
    [
      'no measure()',
      { name: 'x', kind: 'text', unit: 'octet', encode: Buffer.from, decode: String, canEncode: () => true },
      'measure',
    ],
    [
      'a wrong kind',
      {
        name: 'x',
        kind: 'txt',
        unit: 'octet',
        encode: Buffer.from,
        decode: String,
        canEncode: () => true,
        measure: () => 1,
      },
      'kind',
    ],
  ] as const)('register(0, codec with %s) throws InvalidTextCodecError', (_label, codec, member) => {
    const registry = new TextCodecRegistry();
    const error = thrownBy(() =>
      registry.register(0, codec as unknown as TextCodec),
    ) as InvalidTextCodecError;
    expect(error).toBeInstanceOf(InvalidTextCodecError);
    expect(error.member).toBe(member);
    expect(error.dataCoding).toBe(0);
    expect(error.message).toContain('register(0, codec)');
    // The built-in codec is still in place: a rejected registration changes nothing.
    expect(registry.encode('hi', 0)).toEqual(Buffer.from('hi'));
  });
});

describe('validation over a live session', () => {
  let sim: SmscSimulator | undefined;
  let client: SmppClient | undefined;
  afterEach(async () => {
    await client?.stop({ drainTimeoutMs: 50 });
    client = undefined;
    await sim?.stop();
    sim = undefined;
  });

  it('send() returns a rejected promise when the queue’s enqueue() throws synchronously', async () => {
    sim = await startSimulator();
    class ThrowingQueue extends InMemoryOutboundQueue {
      override enqueue(_message: QueuedMessage): Promise<void> {
        throw new Error('broker refused the message');
      }
    }
    client = await startClient(sim, {}, { queue: new ThrowingQueue() });
    await client.waitUntilBound(5000);
    let result: unknown;
    expect(() => {
      result = client!.send({ to: '447700900123', text: 'x' });
    }).not.toThrow();
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow('broker refused the message');
  });

  it('an alphanumeric sender (TON 5) of 12 characters is rejected naming from; 11 reach the SMSC', async () => {
    sim = await startSimulator({ receipts: { enabled: false } });
    const senders: string[] = [];
    sim.on('submit', (m) => {
      if ('source_addr' in m.pdu) senders.push(m.pdu.source_addr);
    });
    client = await startClient(sim);
    await client.waitUntilBound(5000);

    const error = await client
      .send({ to: '447700900123', text: 'x', from: 'ACME-SENDER1', sourceAddrTon: 5 })
      .catch((e: unknown) => e as InvalidMessageError);
    expect(error).toBeInstanceOf(InvalidMessageError);
    expect(error).toMatchObject({ field: 'from', rule: 'alphanumeric-max-length' });
    expect((error as Error).message).toMatch(/"ACME-SENDER1" is 12 characters.*at most 11 \(GSM 03\.40/);

    // The same 12 characters as a number (TON 1) are fine: the limit is the alphanumeric form's.
    await client.send({ to: '447700900123', text: 'x', from: '447700900123', sourceAddrTon: 1 });
    await client.send({ to: '447700900123', text: 'x', from: 'ACME-SENDER', sourceAddrTon: 5 });
    await until(() => senders.length === 2, 5000, 'two submits at the SMSC');
    expect(senders.sort()).toEqual(['447700900123', 'ACME-SENDER']);
  });

  it('an alphanumeric default sender longer than 11 characters stops the constructor', () => {
    const error = thrownBy(
      () =>
        new SmppClient(
          clientOptions({ port: 2775 }, { defaults: { from: 'ACME-SENDER12', sourceAddrTon: 5 } }),
          {
            logger: new CapturingLogger(),
          },
        ),
    ) as InvalidOptionsError;
    expect(error).toBeInstanceOf(InvalidOptionsError);
    expect(error.path).toBe('defaults.from');
    expect(error.message).toMatch(/13 characters.*at most 11/);
  });
});
