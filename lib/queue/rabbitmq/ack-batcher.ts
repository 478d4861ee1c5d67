import type { AmqpChannelLike, AmqpMessageLike } from './amqp-client.interface.js';

/**
 * What names a delivered copy: one key, or a pack's member keys (an array that fills as its members settle,
 * and is complete by the time the pack is acknowledged).
 */
export type DeliveryKeys = string | readonly string[];

/** A delivery waiting for its ack: the broker's message and the key(s) that name this copy of it. */
interface Outstanding {
  raw: AmqpMessageLike;
  key: DeliveryKeys;
  settled: boolean;
}

/** The keys of these entries, one list. */
function keysOf(entries: readonly Outstanding[]): string[] {
  const keys: string[] = [];
  for (const entry of entries) {
    if (typeof entry.key === 'string') keys.push(entry.key);
    else keys.push(...entry.key);
  }
  return keys;
}

/**
 * Acknowledges one consuming channel's deliveries once per event-loop turn instead of one frame per message:
 * one `basic.ack` with `multiple` over the oldest deliveries when all of them are settled, single acks for
 * settled deliveries behind one still in flight.
 *
 * @remarks
 * AMQP's `multiple` acknowledges every unacknowledged delivery of the channel up to the tag. It is only sent
 * over a run of deliveries that are all settled, starting at the oldest one still unacknowledged: a message
 * whose outcome is unknown (at the SMSC, its retry being published, buffered) is never covered. Every
 * delivery of the channel is recorded here ({@link AckBatcher.delivered}) before anything else happens to
 * it, and delivery tags grow in delivery order, so insertion order is tag order.
 *
 * Acks wait at most until the end of the turn (`setImmediate`): a whole SMSC read of responses settles into
 * one frame. Acks that could not be sent (the channel closed first) are reported with their keys, so the
 * queue drops the broker's redelivery of a message already answered.
 */
export class AckBatcher {
  /** Delivered and not yet acknowledged nor given back, by delivery tag, in delivery order. */
  private readonly outstanding = new Map<number, Outstanding>();
  /** Settled entries still in `outstanding`. */
  private settledCount = 0;
  private flushScheduled = false;
  private abandoned = false;

  constructor(
    private readonly channel: AmqpChannelLike,
    /** Keys of settled deliveries whose ack could not be sent: the broker will deliver them again. */
    private readonly onUnsent: (keys: string[]) => void,
    /** Runs before frames are sent (corks the socket for this turn). */
    private readonly beforeSend: () => void = () => undefined,
  ) {}

  /** Records a delivery of the channel (every one, before it is handed out or dropped). */
  delivered(raw: AmqpMessageLike, key: DeliveryKeys): void {
    this.outstanding.set(raw.fields.deliveryTag, { raw, key, settled: false });
  }

  /** The delivery's outcome is known: its ack goes out at the end of this turn. */
  ack(raw: AmqpMessageLike): void {
    const entry = this.outstanding.get(raw.fields.deliveryTag);
    if (!entry || entry.settled) return;
    entry.settled = true;
    this.settledCount++;
    if (this.abandoned) {
      this.settledCount--;
      this.outstanding.delete(raw.fields.deliveryTag);
      this.onUnsent(keysOf([entry]));
      return;
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** The delivery was given back to the broker (nack with requeue): it no longer waits for an ack. */
  released(raw: AmqpMessageLike): void {
    const entry = this.outstanding.get(raw.fields.deliveryTag);
    if (entry?.settled) this.settledCount--;
    this.outstanding.delete(raw.fields.deliveryTag);
  }

  /** Sends the acks of every settled delivery now (before the channel is closed, say). */
  flush(): void {
    this.flushScheduled = false;
    if (this.abandoned) return;
    // The oldest deliveries while all are settled: one frame acknowledges them all.
    const run: Outstanding[] = [];
    // Settled behind one still in flight: `multiple` would cover that one too, so each is acked alone.
    const singles: Outstanding[] = [];
    let inRun = true;
    for (const [tag, entry] of this.outstanding) {
      if (run.length + singles.length === this.settledCount) break;
      if (!entry.settled) {
        inRun = false;
        continue;
      }
      (inRun ? run : singles).push(entry);
      this.outstanding.delete(tag);
    }
    this.settledCount = 0;
    if (run.length + singles.length === 0) return;
    try {
      this.beforeSend();
      if (run.length > 0) this.channel.ack(run[run.length - 1]!.raw, true);
      for (const entry of singles) this.channel.ack(entry.raw, false);
    } catch {
      // The channel closed under us: the broker requeues all of these and will deliver them again.
      this.onUnsent(keysOf([...run, ...singles]).concat(this.abandon()));
    }
  }

  /**
   * The channel is gone: nothing more is sent on it. Returns the keys of deliveries settled and not
   * acknowledged (the broker delivers them again), and from then on reports each one settled later.
   */
  abandon(): string[] {
    this.abandoned = true;
    this.settledCount = 0;
    const settled: Outstanding[] = [];
    for (const [tag, entry] of this.outstanding) {
      if (!entry.settled) continue;
      settled.push(entry);
      this.outstanding.delete(tag);
    }
    return keysOf(settled);
  }
}
