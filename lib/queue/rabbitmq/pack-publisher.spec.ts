import { describe, expect, it } from '@jest/globals';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { PackPublisher } from './pack-publisher.js';

interface Published {
  body: string;
  items: number;
  correlationId: string;
  deadline: number;
}

/** A publisher whose broker is this list: each publish waits until the test confirms or refuses it. */
function recording(max: number): {
  packer: PackPublisher;
  published: Published[];
  confirm: Array<(error?: Error) => void>;
} {
  const published: Published[] = [];
  const confirm: Array<(error?: Error) => void> = [];
  const packer = new PackPublisher(max, (body, items, correlationId, deadline) => {
    published.push({ body: body.toString(), items, correlationId, deadline });
    return new Promise<void>((resolve, reject) =>
      confirm.push((error) => (error ? reject(error) : resolve())),
    );
  });
  return { packer, published, confirm };
}

const item = (id: string): string => JSON.stringify({ v: 1, correlationId: id, to: '1', text: id });

describe('PackPublisher', () => {
  it('publishes the items added in one turn as one JSON array, at the end of the turn', async () => {
    const { packer, published, confirm } = recording(100);
    const done = ['a', 'b', 'c'].map((id, i) => packer.add(item(id), id, 1_000 + i));
    expect(published).toHaveLength(0);
    await nextTurn();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ items: 3, correlationId: 'a', deadline: 1_000 });
    expect(
      (JSON.parse(published[0]!.body) as Array<{ correlationId: string }>).map((m) => m.correlationId),
    ).toEqual(['a', 'b', 'c']);
    confirm[0]!();
    await expect(Promise.all(done)).resolves.toHaveLength(3);
  });

  it('publishes a lone item as itself, not as an array', async () => {
    const { packer, published, confirm } = recording(100);
    const done = packer.add(item('solo'), 'solo', 5);
    await nextTurn();
    expect(published).toEqual([{ body: item('solo'), items: 1, correlationId: 'solo', deadline: 5 }]);
    confirm[0]!();
    await done;
  });

  it('starts a new pack as soon as one holds the maximum', async () => {
    const { packer, published, confirm } = recording(2);
    const done = ['a', 'b', 'c', 'd', 'e'].map((id) => packer.add(item(id), id, 1));
    expect(published.map((p) => p.items)).toEqual([2, 2]);
    await nextTurn();
    expect(published.map((p) => p.items)).toEqual([2, 2, 1]);
    confirm.forEach((c) => c());
    await Promise.all(done);
  });

  it('rejects every enqueue of a pack the broker refused, and only those', async () => {
    const { packer, confirm } = recording(2);
    const first = [packer.add(item('a'), 'a', 1), packer.add(item('b'), 'b', 1)];
    const second = packer.add(item('c'), 'c', 1);
    await nextTurn();
    confirm[0]!(new Error('message nacked'));
    confirm[1]!();
    for (const refused of first) await expect(refused).rejects.toThrow('message nacked');
    await expect(second).resolves.toBeUndefined();
  });
});
