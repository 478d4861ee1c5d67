import { describe, expect, it } from '@jest/globals';
import { FrameWriter } from './frame-writer.js';

function put(writer: FrameWriter, bytes: number[]): void {
  const at = writer.reserve(bytes.length);
  for (let i = 0; i < bytes.length; i++) writer.slab[at + i] = bytes[i]!;
}

describe('FrameWriter', () => {
  it('hands out the frames written since the last take, in order, once', () => {
    const writer = new FrameWriter();
    expect(writer.take()).toBeUndefined();
    put(writer, [1, 2]);
    put(writer, [3]);
    expect(writer.pendingBytes).toBe(3);
    expect([...writer.take()!]).toEqual([1, 2, 3]);
    expect(writer.take()).toBeUndefined();
    put(writer, [4]);
    expect([...writer.take()!]).toEqual([4]);
  });

  it('never writes over bytes already taken (the socket may still hold them)', () => {
    const writer = new FrameWriter();
    put(writer, [7, 7, 7]);
    const taken = writer.take()!;
    put(writer, [9, 9, 9]);
    expect([...taken]).toEqual([7, 7, 7]);
  });

  it('joins a batch that spans slabs, and takes frames larger than a slab', () => {
    const writer = new FrameWriter();
    const big = new Array<number>(40_000).fill(5);
    put(writer, big);
    put(writer, big); // does not fit what the first slab has left
    const huge = new Array<number>(100_000).fill(6);
    put(writer, huge);
    const data = writer.take()!;
    expect(data.length).toBe(180_000);
    expect(data[0]).toBe(5);
    expect(data[79_999]).toBe(5);
    expect(data[80_000]).toBe(6);
    expect(data[179_999]).toBe(6);
    expect(writer.pendingBytes).toBe(0);
  });

  it('gives back a reservation whose frame could not be written, and discards what a dead connection left', () => {
    const writer = new FrameWriter();
    put(writer, [1]);
    const at = writer.reserve(10);
    writer.unreserve(at);
    expect([...writer.take()!]).toEqual([1]);
    put(writer, [2, 3]);
    writer.discard();
    expect(writer.take()).toBeUndefined();
    expect(writer.pendingBytes).toBe(0);
  });
});
