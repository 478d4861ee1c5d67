/** An element of an {@link IntrusiveList}: the links live on the element itself. */
export interface ListLinks<T> {
  prev: T | undefined;
  next: T | undefined;
  /** Whether the element is in a list now. */
  linked: boolean;
}

/**
 * A doubly linked list whose links are fields of its elements: add and remove allocate nothing, where a `Set`
 * of records rehashes its table as entries churn (the send loop adds and removes one record per message, at
 * up to hundreds of thousands per second).
 */
export class IntrusiveList<T extends ListLinks<T>> {
  private head: T | undefined;
  private tail: T | undefined;
  private count = 0;

  /** Elements in the list. */
  get size(): number {
    return this.count;
  }

  /** Appends `item` (ignored when it is already in a list). */
  add(item: T): void {
    if (item.linked) return;
    item.linked = true;
    item.prev = this.tail;
    item.next = undefined;
    if (this.tail === undefined) this.head = item;
    else this.tail.next = item;
    this.tail = item;
    this.count++;
  }

  /** Removes `item`; returns whether it was in the list. */
  delete(item: T): boolean {
    if (!item.linked) return false;
    item.linked = false;
    const { prev, next } = item;
    if (prev === undefined) this.head = next;
    else prev.next = next;
    if (next === undefined) this.tail = prev;
    else next.prev = prev;
    item.prev = undefined;
    item.next = undefined;
    this.count--;
    return true;
  }

  /** The elements, oldest first; removing the current element while iterating is allowed. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let item = this.head; item !== undefined;) {
      const next = item.next;
      yield item;
      item = next;
    }
  }
}
