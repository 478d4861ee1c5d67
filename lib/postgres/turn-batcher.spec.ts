import { describe, expect, it } from '@jest/globals';
import { TurnBatcher } from './turn-batcher.js';

/** A batcher whose writes are recorded and finish when the test says so. */
function recordingBatcher(): { batcher: TurnBatcher<number>; writes: number[][]; finish: () => void } {
  const writes: number[][] = [];
  const pending: Array<() => void> = [];
  const batcher = new TurnBatcher<number>({
    onFailure: 'retry',
    write: (items) => {
      writes.push([...items]);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
  });
  return { batcher, writes, finish: () => pending.shift()?.() };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatcher.take', () => {
  it('hands the waiting items to the caller, whose written() resolves their callers; the batcher never writes them', async () => {
    const { batcher, writes } = recordingBatcher();
    const settled: number[] = [];
    for (const i of [1, 2, 3]) void batcher.add(i).then(() => settled.push(i));
    const taken = batcher.take();
    expect(taken?.items).toEqual([1, 2, 3]);
    expect(batcher.pending).toBe(0);
    await turn();
    expect(settled).toEqual([]);
    taken!.written();
    await turn();
    expect(settled).toEqual([1, 2, 3]);
    expect(writes).toEqual([]);
    expect(batcher.take()).toBeUndefined();
  });

  it('gets the items back on failed(), ahead of newer ones, and writes them itself', async () => {
    const { batcher, writes, finish } = recordingBatcher();
    const done = [batcher.add(1), batcher.add(2)];
    const taken = batcher.take()!;
    done.push(batcher.add(3));
    taken.failed();
    await turn();
    expect(writes).toEqual([[1, 2]]);
    finish();
    await done[0];
    await turn();
    expect(writes).toEqual([[1, 2], [3]]);
    finish();
    await Promise.all(done);
  });

  it('never takes the batch being written, only what came after it', async () => {
    const { batcher, writes, finish } = recordingBatcher();
    const first = batcher.add(1);
    await turn();
    expect(writes).toEqual([[1]]);
    const second = batcher.add(2);
    const taken = batcher.take()!;
    expect(taken.items).toEqual([2]);
    taken.written();
    await second;
    finish();
    await first;
    expect(writes).toEqual([[1]]);
  });
});
