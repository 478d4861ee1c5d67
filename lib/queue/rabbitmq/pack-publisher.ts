/** One `enqueue` waiting to be published in the pack of its turn. */
interface PackEntry {
  /** The item's envelope (serialized JSON). */
  json: string;
  correlationId: string;
  /** When its `enqueue` gives up. */
  deadline: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Publishes what gathered: one item alone, or several as a pack; resolves on the broker's confirm. */
export type PublishGathered = (
  body: Buffer,
  items: number,
  correlationId: string,
  deadline: number,
) => Promise<void>;

/**
 * Gathers the `enqueue` calls of one event-loop turn into one AMQP message (`RabbitMqOutboundQueue`'s
 * `packMessages`): the broker's work (persisting, confirming, delivering, acknowledging) is per message,
 * so a burst of sends costs it once per pack instead of once per item.
 *
 * @remarks
 * Each `enqueue` still resolves only on the broker's confirm of the message that holds its item, so what
 * `enqueue` promises (the item is on disk) is unchanged. A pack leaves at the end of the turn, or as soon as
 * it holds `maxItems`. A turn with a single item publishes it alone, in the one-item format.
 */
export class PackPublisher {
  private entries: PackEntry[] = [];
  private scheduled = false;

  constructor(
    private readonly maxItems: number,
    private readonly publish: PublishGathered,
  ) {}

  /** Adds an item to this turn's pack; resolves when the broker confirmed the message that holds it. */
  add(json: string, correlationId: string, deadline: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.entries.push({ json, correlationId, deadline, resolve, reject });
      if (this.entries.length >= this.maxItems) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    const entries = this.entries;
    if (entries.length === 0) return;
    this.entries = [];
    const first = entries[0]!;
    const body =
      entries.length === 1
        ? Buffer.from(first.json)
        : Buffer.from(`[${entries.map((entry) => entry.json).join(',')}]`);
    let deadline = first.deadline;
    for (const entry of entries) deadline = Math.min(deadline, entry.deadline);
    this.publish(body, entries.length, first.correlationId, deadline).then(
      () => {
        for (const entry of entries) entry.resolve();
      },
      (error: Error) => {
        for (const entry of entries) entry.reject(error);
      },
    );
  }
}
