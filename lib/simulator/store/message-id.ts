/** How the simulator renders message ids in submit_sm_resp, query_sm and receipts. */
export type MessageIdFormat = 'decimal' | 'hex';

/**
 * Hands out unique message ids from a counter and maps an id back to its counter.
 *
 * @remarks
 * A counter keeps allocation allocation-free on the hot path and lets the message store find a message in O(1)
 * (the counter is its ring slot). Ids are at most 14 characters, far below the 65 of SMPP 3.4 §4.4.2.
 * Hex ids are lower case; lookups accept either case, as real SMSCs disagree on case (SMPP.md, receipts).
 */
export class MessageIdAllocator {
  private nextCounter: number;

  /**
   * @param format - decimal (`"1000042"`) or hex (`"f426a"`). @default 'decimal'
   * @param start - the first counter value; distinct starts keep ids of two simulator runs apart.
   */
  constructor(
    readonly format: MessageIdFormat = 'decimal',
    start = 1,
  ) {
    if (!Number.isSafeInteger(start) || start < 0) {
      throw new RangeError(`messageIdStart ${start} must be a non-negative safe integer.`);
    }
    this.nextCounter = start;
  }

  /** Reserves the next counter; render it with {@link render}. */
  next(): number {
    return this.nextCounter++;
  }

  /** The id string for a counter. */
  render(counter: number): string {
    return this.format === 'hex' ? counter.toString(16) : String(counter);
  }

  /** The counter an id stands for, or `undefined` when the id cannot be one of ours. */
  parse(id: string): number | undefined {
    if (id.length === 0 || id.length > 14) return undefined;
    const ok = this.format === 'hex' ? /^[0-9a-fA-F]+$/.test(id) : /^[0-9]+$/.test(id);
    if (!ok) return undefined;
    const counter = this.format === 'hex' ? parseInt(id, 16) : Number(id);
    return Number.isSafeInteger(counter) ? counter : undefined;
  }
}
