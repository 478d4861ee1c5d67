import { expect } from '@jest/globals';
import type { SmscSimulator } from '../../../lib/simulator/smsc-simulator.js';
import type { QueuedMessage } from '../../../lib/queue/outbound-queue.interface.js';
import type { ReplicaProcess } from '../../durable/support/replica-process.js';
import type { FateRow } from './fate-table.js';

/** Every `INVALID_EVERY`th message has a 25-digit destination: it cannot be sent and must be dead-lettered. */
const INVALID_EVERY = 250;

/**
 * The messages of one crash scenario and the accounting of their fates across processes.
 *
 * @remarks
 * A message's text is its correlationId, so the SMSC's 'submit' event names it. Final outcomes per message:
 * **submitted** when the SMSC accepted it (at least once: a duplicate is counted in `smscDuplicates`, not as a
 * second outcome), **dead-lettered** when it is in the dead-letter store, **failed** when a replica reported
 * it failed and it is not dead-lettered. A message with none of these, or with two kinds, counts in
 * `notExactlyOne`. The SMSC side is the evidence for "submitted" because a SIGKILLed replica may die
 * before its own 'submitted' report leaves it.
 */
export class CrashFate {
  readonly messages: QueuedMessage[] = [];
  readonly invalid = new Set<string>();
  private readonly accepted = new Map<string, number>();
  private readonly idByMessageId = new Map<string, string>();
  /**
   * Messages with a receipt that found no correlationId, after `row()`. After a SIGKILL these can only be
   * messages the killed process submitted but never acknowledged (it acknowledges after storing the
   * correlation), which the next process sent again: their second receipt is correlated.
   */
  uncorrelatedReceipts: string[] = [];

  constructor(
    readonly prefix: string,
    count: number,
  ) {
    for (let i = 0; i < count; i++) {
      const id = `${prefix}${i}`;
      const invalid = i % INVALID_EVERY === INVALID_EVERY - 1;
      if (invalid) this.invalid.add(id);
      this.messages.push({ correlationId: id, to: invalid ? '2'.repeat(25) : '254700000000', text: id });
    }
  }

  /** Counts what the SMSC accepts. */
  watch(sim: SmscSimulator): void {
    sim.on('submit', (s) => {
      if (!('short_message' in s.pdu)) return;
      const id = s.pdu.short_message.toString('latin1');
      if (!id.startsWith(this.prefix)) return;
      this.accepted.set(id, (this.accepted.get(id) ?? 0) + 1);
      this.idByMessageId.set(s.messageId, id);
    });
  }

  /** Distinct messages the SMSC accepted. */
  get acceptedCount(): number {
    return this.accepted.size;
  }

  /** How many times the SMSC accepted message `id`. */
  acceptsOf(id: string): number {
    return this.accepted.get(id) ?? 0;
  }

  /** Messages that can be sent (all but the invalid ones). */
  get sendable(): number {
    return this.messages.length - this.invalid.size;
  }

  /** The fate row, from the SMSC's count, the replicas' reports and the dead-letter store's correlationIds. */
  row(
    scenario: string,
    replicas: readonly ReplicaProcess[],
    deadLettered: readonly string[],
    inFlightAtFault: number,
  ): FateRow {
    const dead = new Set(deadLettered);
    const failed = new Set(replicas.flatMap((r) => [...r.failed.keys()]));
    let submitted = 0;
    let failedOnly = 0;
    let deadCount = 0;
    let notExactlyOne = 0;
    let smscDuplicates = 0;
    for (const { correlationId: id } of this.messages) {
      const accepts = this.accepted.get(id) ?? 0;
      const kinds =
        (accepts > 0 ? 1 : 0) + (dead.has(id) ? 1 : 0) + (failed.has(id) && !dead.has(id) ? 1 : 0);
      if (kinds !== 1) notExactlyOne++;
      if (accepts > 0) submitted++;
      if (dead.has(id)) deadCount++;
      else if (failed.has(id)) failedOnly++;
      smscDuplicates += Math.max(0, accepts - 1);
    }
    // Receipts per message: a message the SMSC accepted twice has two message ids and may get two receipts.
    const receipts = new Map<string, string | undefined>();
    for (const r of replicas)
      for (const receipt of r.receipts) receipts.set(receipt.messageId, receipt.correlationId);
    const receiptsOf = new Map<string, Array<string | undefined>>();
    for (const [messageId, correlationId] of receipts) {
      const id = this.idByMessageId.get(messageId);
      if (id !== undefined) receiptsOf.set(id, [...(receiptsOf.get(id) ?? []), correlationId]);
    }
    this.uncorrelatedReceipts = [];
    let receiptsCorrelated = 0;
    for (const [id, found] of receiptsOf) {
      if (found.includes(id) && found.every((c) => c === id || c === undefined)) receiptsCorrelated++;
      if (found.includes(undefined)) this.uncorrelatedReceipts.push(id);
    }
    const receiptsExpected = receiptsOf.size;
    return {
      scenario,
      sent: this.messages.length,
      submitted,
      failed: failedOnly,
      deadLettered: deadCount,
      notExactlyOne,
      smscDuplicates,
      inFlightAtFault,
      receiptsExpected,
      receiptsCorrelated,
    };
  }
}

/**
 * The crash scenarios' assertions: one fate per message, every sendable message accepted, every invalid one
 * dead-lettered, duplicates within what was in flight at the fault (`slack`: messages a replica may take
 * between the in-flight count and the fault), and every receipt correlated but those the fault made
 * impossible (see {@link CrashFate.uncorrelatedReceipts}).
 */
export function expectOneFateEach(row: FateRow, fate: CrashFate, slack = 0): void {
  if (fate.uncorrelatedReceipts.length > 0)
    console.log(
      `${row.scenario}: ${fate.uncorrelatedReceipts.length} message(s) with an uncorrelated receipt, each accepted twice`,
    );
  expect(row.notExactlyOne).toBe(0);
  expect(row.submitted).toBe(fate.sendable);
  expect(row.deadLettered).toBe(fate.invalid.size);
  expect(row.smscDuplicates).toBeLessThanOrEqual(row.inFlightAtFault + slack);
  expect(row.receiptsCorrelated).toBe(row.receiptsExpected);
  expect(fate.uncorrelatedReceipts.filter((id) => fate.acceptsOf(id) < 2)).toEqual([]);
}
