import type { DeliveryReceiptEvent } from '../../client/client-events.interface.js';
import type { QueuedMessage } from '../../queue/outbound-queue.interface.js';
import { InMemoryOutboundQueue } from '../../queue/in-memory-outbound-queue.js';
import type { SendArgs } from '../args/cli-args.interface.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { formatDuration } from '../output/format-duration.js';
import { OutcomeTracker } from '../runtime/outcome-tracker.js';
import { startClient } from '../runtime/start-client.js';
import { watchSignals } from '../runtime/watch-signals.js';
import type { CommandContext } from './command-context.interface.js';

/**
 * Sends one message through the client's pipeline (rate limit, throttle, retries), logs its message ids,
 * then waits for its delivery receipt(s) — one per part — until `--receipt-timeout`.
 *
 * @returns 0 delivered (or accepted with `--no-wait` / receipts off), 6 failed or not delivered, 7 no receipt
 * in time, 130 interrupted.
 */
export async function sendOne(
  context: CommandContext<SendArgs>,
  message: QueuedMessage,
): Promise<ExitCodeValue> {
  const { args, config, logger } = context;
  const signals = watchSignals(context.io);
  const client = await startClient(context, new InMemoryOutboundQueue({ capacity: 1 }), args.bindTimeoutMs);
  const tracker = new OutcomeTracker(client, logger, [{ line: 0, message }]);
  const receipts = new Map<string, DeliveryReceiptEvent>();
  let receiptsWanted = Infinity;
  let gotAllReceipts!: () => void;
  const allReceipts = new Promise<void>((resolve) => (gotAllReceipts = resolve));
  const expectedIds = new Set<string>();
  client.on('deliveryReceipt', (event) => {
    const id = normalizeId(event.receipt.messageId);
    if (event.correlationId !== message.correlationId && !expectedIds.has(id)) return;
    if (!event.receipt.final) return;
    receipts.set(id, event);
    logger.info('delivery receipt', {
      correlationId: message.correlationId,
      messageId: event.receipt.messageId,
      state: event.receipt.state,
      errorCode: event.receipt.errorCode,
      partIndex: event.partIndex,
      partCount: event.partCount,
    });
    if (receipts.size >= receiptsWanted) gotAllReceipts();
  });

  try {
    await client.send(message);
    const outcome = await Promise.race([tracker.whenDone().then(() => 'done' as const), signals.received]);
    if (outcome !== 'done') return ExitCode.Interrupted;
    const result = tracker.outcomes.get(message.correlationId);
    if (result?.status !== 'accepted') return ExitCode.PartialFailure;
    for (const id of result.messageIds) expectedIds.add(normalizeId(id));

    const registered = message.registeredDelivery ?? config.resolved.defaults.registeredDelivery;
    if (!args.waitForReceipt || !registered) return ExitCode.Ok;
    receiptsWanted = result.messageIds.length;
    if (receipts.size >= receiptsWanted) gotAllReceipts();
    logger.info('waiting for delivery receipt', {
      correlationId: message.correlationId,
      timeout: formatDuration(args.receiptTimeoutMs),
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), args.receiptTimeoutMs)),
    );
    const waited = await Promise.race([
      allReceipts.then(() => 'receipts' as const),
      timeout,
      signals.received,
    ]);
    clearTimeout(timer);
    if (waited === 'timeout') {
      logger.warn('no delivery receipt in time', {
        correlationId: message.correlationId,
        messageIds: result.messageIds,
        received: receipts.size,
        timeout: formatDuration(args.receiptTimeoutMs),
      });
      return ExitCode.ReceiptTimeout;
    }
    if (waited !== 'receipts') return ExitCode.Interrupted;
    const undelivered = [...receipts.values()].filter((event) => event.receipt.state !== 'DELIVRD');
    return undelivered.length === 0 ? ExitCode.Ok : ExitCode.PartialFailure;
  } finally {
    tracker.dispose();
    signals.dispose();
    await client.stop();
  }
}

/** Message ids compare without case and leading zeros (SMSCs differ between submit_sm_resp and receipts). */
function normalizeId(id: string): string {
  return id
    .trim()
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
}
