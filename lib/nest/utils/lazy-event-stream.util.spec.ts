import { EventEmitter } from 'node:events';
import { describe, it, expect } from '@jest/globals';
import { LazyEventStream } from './lazy-event-stream.util.js';

/** A stream forwarding an emitter's 'tick' events, as the services forward the engine's. */
function streamOf(source: EventEmitter | undefined): LazyEventStream<number> {
  return new LazyEventStream<number>((next) => {
    if (source === undefined) return undefined;
    const forward = (n: number): void => next(n);
    source.on('tick', forward);
    return [() => source.off('tick', forward)];
  });
}

describe('LazyEventStream', () => {
  it('listens to the source only while someone subscribes, and shares it between subscribers', () => {
    const source = new EventEmitter();
    const stream = streamOf(source);
    expect(source.listenerCount('tick')).toBe(0);
    const seenA: number[] = [];
    const seenB: number[] = [];
    const a = stream.events$.subscribe((n) => seenA.push(n));
    const b = stream.events$.subscribe((n) => seenB.push(n));
    expect(source.listenerCount('tick')).toBe(1);
    source.emit('tick', 1);
    a.unsubscribe();
    source.emit('tick', 2);
    expect(source.listenerCount('tick')).toBe(1);
    b.unsubscribe();
    expect(source.listenerCount('tick')).toBe(0);
    source.emit('tick', 3);
    expect(seenA).toEqual([1]);
    expect(seenB).toEqual([1, 2]);
    // A new subscriber attaches again and sees events from then on (hot).
    const seenC: number[] = [];
    stream.events$.subscribe((n) => seenC.push(n));
    source.emit('tick', 4);
    expect(seenC).toEqual([4]);
  });

  it('attaches on connect() when the source appears after the first subscription', () => {
    const engine: { source?: EventEmitter } = {};
    const stream = new LazyEventStream<number>((next) => {
      const s = engine.source;
      if (s === undefined) return undefined;
      const forward = (n: number): void => next(n);
      s.on('tick', forward);
      return [() => s.off('tick', forward)];
    });
    const seen: number[] = [];
    stream.events$.subscribe((n) => seen.push(n));
    const source = (engine.source = new EventEmitter());
    stream.connect();
    stream.connect();
    expect(source.listenerCount('tick')).toBe(1);
    source.emit('tick', 7);
    expect(seen).toEqual([7]);
  });

  it('completes subscribers on close(), detaches, and completes later subscribers at once', () => {
    const source = new EventEmitter();
    const stream = streamOf(source);
    let completed = 0;
    stream.events$.subscribe({ complete: () => completed++ });
    expect(source.listenerCount('tick')).toBe(1);
    stream.close();
    expect(completed).toBe(1);
    expect(source.listenerCount('tick')).toBe(0);
    stream.events$.subscribe({ complete: () => completed++ });
    expect(completed).toBe(2);
    expect(source.listenerCount('tick')).toBe(0);
    stream.connect();
    expect(source.listenerCount('tick')).toBe(0);
  });

  it('never attaches to a source that does not exist', () => {
    let attachCalls = 0;
    const stream = new LazyEventStream<number>(() => {
      attachCalls++;
      return undefined;
    });
    let completed = false;
    stream.events$.subscribe({ complete: () => (completed = true) });
    stream.connect();
    expect(attachCalls).toBe(2);
    stream.close();
    expect(completed).toBe(true);
  });
});
