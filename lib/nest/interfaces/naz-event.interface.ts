import type { SmppClientEvents } from '../../client/client-events.interface.js';

/**
 * One event of `SmppClientService.events$`: the engine's event name as `type`, its payload as `payload`.
 *
 * @example
 * ```ts
 * smpp.events$.pipe(filter((e) => e.type === 'deliveryReceipt')).subscribe((e) => console.log(e.payload.receipt));
 * ```
 */
export type NazEvent = {
  [K in keyof SmppClientEvents]: { type: K; payload: SmppClientEvents[K][0] };
}[keyof SmppClientEvents];
