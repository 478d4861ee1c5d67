import { describe, expect, it } from '@jest/globals';
import { IntrusiveList, type ListLinks } from './intrusive-list.js';

interface Item extends ListLinks<Item> {
  id: number;
}
const item = (id: number): Item => ({ id, prev: undefined, next: undefined, linked: false });

describe('IntrusiveList', () => {
  it('keeps insertion order through removals at the head, middle and tail', () => {
    const list = new IntrusiveList<Item>();
    const items = [1, 2, 3, 4, 5].map(item);
    for (const i of items) list.add(i);
    expect(list.size).toBe(5);
    expect(list.delete(items[0]!)).toBe(true);
    expect(list.delete(items[2]!)).toBe(true);
    expect(list.delete(items[4]!)).toBe(true);
    expect([...list].map((i) => i.id)).toEqual([2, 4]);
    expect(list.size).toBe(2);
    list.add(items[0]!);
    expect([...list].map((i) => i.id)).toEqual([2, 4, 1]);
  });

  it('ignores a second add and a remove of an element not in the list', () => {
    const list = new IntrusiveList<Item>();
    const a = item(1);
    list.add(a);
    list.add(a);
    expect(list.size).toBe(1);
    expect(list.delete(item(2))).toBe(false);
    expect(list.delete(a)).toBe(true);
    expect(list.delete(a)).toBe(false);
    expect(list.size).toBe(0);
    expect([...list]).toEqual([]);
  });

  it('lets the current element be removed while iterating', () => {
    const list = new IntrusiveList<Item>();
    for (const i of [1, 2, 3].map(item)) list.add(i);
    const seen: number[] = [];
    for (const i of list) {
      seen.push(i.id);
      list.delete(i);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(list.size).toBe(0);
  });
});
