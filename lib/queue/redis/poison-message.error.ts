/**
 * A stream entry delivered `maxDeliveries` times without an answer: each consumer holding it died or froze
 * (a message that crashes its consumer, or a cluster restarting in a loop). It is failed and dead-lettered
 * instead of being handed out again.
 */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';

  constructor(
    /** Times Redis delivered it (XPENDING's delivery count). */
    readonly deliveries: number,
    readonly maxDeliveries: number,
  ) {
    super(
      `delivered ${deliveries} times without an answer (maxDeliveries ${maxDeliveries}): its consumers died or froze`,
    );
  }
}
