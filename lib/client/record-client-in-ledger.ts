import type { SmppClientEvents } from './client-events.interface.js';
import type { HookContext, SmppHooks } from '../hooks/smpp-hooks.interface.js';
import { extractConcatInfo } from '../protocol/long-message/extract-concat-info.js';
import type { MessageLedger } from '../ledger/message-ledger.interface.js';

/** The event side of an `SmppClient` the ledger listens to. */
export interface LedgerEventSource {
  on<K extends keyof SmppClientEvents>(event: K, listener: (...args: SmppClientEvents[K]) => void): unknown;
  off<K extends keyof SmppClientEvents>(event: K, listener: (...args: SmppClientEvents[K]) => void): unknown;
}

/** What {@link recordClientInLedger} sets up. */
export interface LedgerRecording {
  /** Hooks to run on every request: the ledger's `submit` entries, then your own hooks. */
  hooks: SmppHooks;
  /** Stops recording (removes the listeners). */
  detach(): void;
}

/** esm_class UDHI (SMPP 3.4 §5.2.12): the short_message starts with a user data header. */
const UDHI = 0x40;

/**
 * Records a client's messages in a ledger through the client's own event and hook points, so the send path
 * has no ledger calls of its own: `queued` (the 'queued' event), `submit` (the beforeRequest hook of every
 * submit_sm), `retry`, `submitted`, `failed` and `receipt` (the events of the same names).
 *
 * @param userHooks - your hooks, run after the ledger's.
 */
export function recordClientInLedger(
  source: LedgerEventSource,
  ledger: MessageLedger,
  client: string,
  userHooks: SmppHooks | undefined,
): LedgerRecording {
  const recordText = ledger.recordText === true;
  const listeners: Array<() => void> = [];
  const listen = <K extends keyof SmppClientEvents>(
    event: K,
    listener: (...args: SmppClientEvents[K]) => void,
  ): void => {
    source.on(event, listener);
    listeners.push(() => source.off(event, listener));
  };
  // Entries are written as whole literals (absent fields undefined, dropped when stored as JSON): one object of
  // one shape per entry, no conditional spreads, since these run once per message on the send path.
  listen('queued', ({ message }) => {
    ledger.record({
      type: 'queued',
      correlationId: message.correlationId,
      at: Date.now(),
      client,
      to: message.to,
      from: message.from,
      metadata: message.metadata,
      text: recordText ? message.text : undefined,
    });
  });
  listen('retry', (e) =>
    ledger.record({
      type: 'retry',
      correlationId: e.correlationId,
      at: Date.now(),
      attempt: e.attempt,
      reason: e.reason,
      delayMs: e.delayMs,
    }),
  );
  listen('submitted', (e) =>
    ledger.record({
      type: 'submitted',
      correlationId: e.correlationId,
      at: Date.now(),
      attempt: e.attempts,
      messageIds: e.messageIds,
    }),
  );
  listen('failed', (e) =>
    ledger.record({
      type: 'failed',
      correlationId: e.correlationId,
      at: Date.now(),
      attempt: e.attempts,
      reason: e.reason,
      commandStatus: e.commandStatus,
    }),
  );
  listen('deliveryReceipt', (e) => {
    // A receipt the correlator could not tie to a message has no history to join (the client warns about it).
    if (e.correlationId === undefined) return;
    ledger.record({
      type: 'receipt',
      correlationId: e.correlationId,
      at: Date.now(),
      messageId: e.receipt.messageId,
      state: e.receipt.state,
      final: e.receipt.final,
      part: e.partIndex ?? 0,
      parts: e.partCount ?? 1,
      errorCode: e.receipt.errorCode,
    });
  });

  const beforeRequest = (context: HookContext): void | Promise<void> => {
    const pdu = context.request;
    if (pdu.command === 'submit_sm' && context.correlationId !== undefined) {
      // The common one-part message skips the parse of a user data header or SAR TLVs.
      const concat =
        (pdu.esm_class & UDHI) !== 0 || pdu.tlvs?.sar_segment_seqnum !== undefined
          ? extractConcatInfo(pdu).concat
          : undefined;
      ledger.record({
        type: 'submit',
        correlationId: context.correlationId,
        at: Date.now(),
        client,
        to: pdu.destination_addr,
        from: pdu.source_addr === '' ? undefined : pdu.source_addr,
        part: concat === undefined ? undefined : concat.seq - 1,
        parts: concat?.total,
        // SMPP 3.4 §5.2.17: bits 1..0 = 01 asks for a receipt on success (and failure).
        receiptRequested: (pdu.registered_delivery & 0x03) === 1,
      });
    }
    return userHooks?.beforeRequest?.(context);
  };
  const hooks: SmppHooks = { beforeRequest };
  if (userHooks?.afterResponse) hooks.afterResponse = userHooks.afterResponse.bind(userHooks);
  return { hooks, detach: () => listeners.splice(0).forEach((off) => off()) };
}
