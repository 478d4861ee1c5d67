import { describe, it, expect } from '@jest/globals';
import type { DiscoveredHandler } from '../naz.explorer.js';
import { DetachedHandlerRunner } from './detached-handler-runner.util.js';

function handler(label: string, call: (event: unknown) => unknown): DiscoveredHandler {
  return {
    kind: 'submitResult',
    decorator: '@OnSubmitResult()',
    label,
    options: {},
    call,
  } as DiscoveredHandler;
}

/** Lets every queued microtask (and the promise reactions they cause) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('DetachedHandlerRunner', () => {
  it('runs nothing synchronously, then every handler of every event in the order they came', async () => {
    const calls: string[] = [];
    const runner = new DetachedHandlerRunner(() => undefined);
    const a = handler('A.a', (e) => calls.push(`a:${String(e)}`));
    const b = handler('B.b', (e) => calls.push(`b:${String(e)}`));
    runner.run([a, b], 1);
    runner.run([b], 2);
    runner.run([], 3);
    runner.run([a], 4);
    expect(calls).toEqual([]);
    await settle();
    expect(calls).toEqual(['a:1', 'b:1', 'b:2', 'a:4']);
  });

  it('reports a throw and a rejection by handler, and keeps running the rest of the batch', async () => {
    const errors: Array<[string, unknown]> = [];
    const runner = new DetachedHandlerRunner((h, error) => errors.push([h.label, error]));
    const ran: string[] = [];
    const thrown = new Error('thrown');
    const rejected = new Error('rejected');
    runner.run(
      [
        handler('T.t', () => {
          throw thrown;
        }),
        handler('R.r', () => Promise.reject(rejected)),
      ],
      'x',
    );
    runner.run([handler('OK.ok', () => ran.push('ok'))], 'y');
    await settle();
    expect(ran).toEqual(['ok']);
    expect(errors).toEqual([
      ['T.t', thrown],
      ['R.r', rejected],
    ]);
  });

  it('survives an error reporter that throws: later batches still run', async () => {
    const ran: unknown[] = [];
    const runner = new DetachedHandlerRunner(() => {
      throw new Error('the logger is broken');
    });
    runner.run(
      [
        handler('T.t', () => {
          throw new Error('boom');
        }),
        handler('A.a', (e) => ran.push(e)),
      ],
      1,
    );
    await settle();
    runner.run([handler('A.a', (e) => ran.push(e))], 2);
    await settle();
    expect(ran).toEqual([1, 2]);
  });

  it('runs events a handler causes synchronously in the same batch, after the ones before them', async () => {
    const calls: unknown[] = [];
    const runner = new DetachedHandlerRunner(() => undefined);
    const echo = handler('E.e', (e) => {
      calls.push(e);
      if (e === 1) runner.run([echo], 'caused by 1');
    });
    runner.run([echo], 1);
    runner.run([echo], 2);
    await Promise.resolve();
    // One microtask ran the whole batch, including the event queued from inside it.
    expect(calls).toEqual([1, 2, 'caused by 1']);
  });
});
