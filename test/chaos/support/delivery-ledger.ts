import type { SmppClient } from '../../../lib/client/smpp-client.js';
import type { OutboundMessage } from '../../../lib/message/outbound-message.interface.js';
import type { SmscSimulator } from '../../../lib/simulator/smsc-simulator.js';
import { delay } from './chaos-env.js';
import type { FateRow } from './fate-table.js';
import type { ReceiptReport } from './receipt-ledger.js';

/** A fault the scenario injected, with what the client had in flight at that moment. */
export interface FaultRecord {
  kind: string;
  atMs: number;
  inFlight: number;
}

/** What the ledger found once traffic settled. */
export interface LedgerReport {
  /** Messages handed to `send()`. */
  handed: number;
  /** Distinct messages the SMSC accepted at least once. */
  acceptedAtSmsc: number;
  /** Acceptances beyond the first, summed over messages (at-least-once duplicates). */
  duplicatesAtSmsc: number;
  /** Distinct messages the client reported 'submitted'. */
  confirmed: number;
  /** Distinct messages the client reported 'failed'. */
  failed: number;
  /** Failures by reason. */
  failedReasons: Record<string, number>;
  /** Messages reported more than once by the client (submitted twice, or submitted and failed). */
  reportedTwice: number;
  /** Handed to send() but neither accepted by the SMSC nor reported failed: the number that must be 0. */
  lost: number[];
  /** Handed to send() but not (yet) reported by the client at all. */
  unreported: number[];
  /** Reported 'submitted' by the client although the SMSC never accepted it. */
  confirmedNotAtSmsc: number[];
  /** Sum of the client's in-flight count at each recorded fault: an upper bound for duplicates. */
  inFlightAtFaults: number;
}

const PREFIX = 'chaos-';

/**
 * The counting harness of every chaos scenario: each message gets a unique number (its text and its
 * correlationId are `chaos-<n>`), the simulator's 'submit' event counts what the SMSC accepted, and the client's
 * 'submitted' / 'failed' events count what the application was told. Counters are typed arrays, so a minute
 * of full load costs a few bytes per message.
 */
export class DeliveryLedger {
  private handedCount = 0;
  private atSmsc = new Uint16Array(1024);
  private submitted = new Uint16Array(1024);
  private failedCount = new Uint16Array(1024);
  private readonly reasons = new Map<number, string>();
  private settledCount = 0;
  readonly faults: FaultRecord[] = [];
  private readonly startedAt = Date.now();

  /** Counts acceptances at `sim` (makes its submits take the decoded path, which is slower). */
  watchSimulator(sim: SmscSimulator): void {
    sim.on('submit', (m) => {
      if (!('short_message' in m.pdu)) return;
      const n = DeliveryLedger.parse(m.pdu.short_message.toString('latin1'));
      if (n !== undefined) this.atSmsc = bump(this.atSmsc, n);
    });
  }

  /** Counts what `client` reports. */
  watchClient(client: SmppClient): void {
    client.on('submitted', (e) => {
      const n = DeliveryLedger.parse(e.correlationId);
      if (n === undefined) return;
      if (this.reportsOf(n) === 0) this.settledCount++;
      this.submitted = bump(this.submitted, n);
    });
    client.on('failed', (e) => {
      const n = DeliveryLedger.parse(e.correlationId);
      if (n === undefined) return;
      if (this.reportsOf(n) === 0) this.settledCount++;
      this.failedCount = bump(this.failedCount, n);
      this.reasons.set(n, e.reason);
    });
  }

  /** The id of a ledger text or correlationId, or undefined for foreign ones. */
  static parse(text: string): number | undefined {
    if (!text.startsWith(PREFIX)) return undefined;
    const n = Number(text.slice(PREFIX.length));
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  }

  /** The text and correlationId of message `n`. */
  static idOf(n: number): string {
    return `${PREFIX}${n}`;
  }

  /** Messages handed to `send()` so far. */
  get handed(): number {
    return this.handedCount;
  }

  /** The next message to hand to `send()` (GSM-safe ASCII text, unique). */
  nextMessage(): OutboundMessage {
    const id = DeliveryLedger.idOf(this.handedCount++);
    return { to: '447700900123', text: id, correlationId: id };
  }

  /** Hands `count` new messages to `client.send()`. */
  async send(client: SmppClient, count: number): Promise<void> {
    for (let i = 0; i < count; i++) await client.send(this.nextMessage());
  }

  /** Messages the client reported (submitted or failed), counted once each. */
  get settled(): number {
    return this.settledCount;
  }

  private reportsOf(n: number): number {
    return (this.submitted[n] ?? 0) + (this.failedCount[n] ?? 0);
  }

  /** Records a fault with the number of the client's messages in flight at that moment. */
  recordFault(kind: string, client: SmppClient): void {
    this.faults.push({ kind, atMs: Date.now() - this.startedAt, inFlight: messagesInFlight(client) });
  }

  report(): LedgerReport {
    const lost: number[] = [];
    const unreported: number[] = [];
    const confirmedNotAtSmsc: number[] = [];
    const failedReasons: Record<string, number> = {};
    let acceptedAtSmsc = 0;
    let duplicatesAtSmsc = 0;
    let confirmed = 0;
    let failed = 0;
    let reportedTwice = 0;
    for (let i = 0; i < this.handedCount; i++) {
      const smsc = this.atSmsc[i] ?? 0;
      const ok = this.submitted[i] ?? 0;
      const ko = this.failedCount[i] ?? 0;
      if (smsc > 0) acceptedAtSmsc++;
      if (smsc > 1) duplicatesAtSmsc += smsc - 1;
      if (ok > 0) confirmed++;
      if (ko > 0) {
        failed++;
        const reason = this.reasons.get(i) ?? '?';
        failedReasons[reason] = (failedReasons[reason] ?? 0) + 1;
      }
      if (ok + ko > 1) reportedTwice++;
      if (ok + ko === 0) unreported.push(i);
      if (smsc === 0 && ko === 0) lost.push(i);
      if (ok > 0 && smsc === 0) confirmedNotAtSmsc.push(i);
    }
    return {
      handed: this.handedCount,
      acceptedAtSmsc,
      duplicatesAtSmsc,
      confirmed,
      failed,
      failedReasons,
      reportedTwice,
      lost,
      unreported,
      confirmedNotAtSmsc,
      inFlightAtFaults: this.faults.reduce((sum, f) => sum + f.inFlight, 0),
    };
  }
}

/**
 * The fate-table row of a scenario counted by a {@link DeliveryLedger}: outcomes as the client reported them,
 * duplicates as the SMSC saw them; receipt columns 0 when the scenario runs without receipts.
 */
export function ledgerFate(
  scenario: string,
  report: LedgerReport,
  inFlightAtFault: number,
  receipts: ReceiptReport = { expected: 0, correlated: 0, foreign: 0 },
): FateRow {
  return {
    scenario,
    sent: report.handed,
    submitted: report.confirmed,
    failed: report.failed,
    deadLettered: 0,
    notExactlyOne: report.unreported.length + report.reportedTwice,
    smscDuplicates: report.duplicatesAtSmsc,
    inFlightAtFault,
    receiptsExpected: receipts.expected,
    receiptsCorrelated: receipts.correlated,
  };
}

/**
 * Messages handed to the SMSC whose outcome the client has not settled yet, from its counters: every submit
 * (`submitted`) ends as accepted, failed or retried. Exact at the moment a connection is lost (outcomes are
 * settled asynchronously after the session's 'state' event), where `stats().inFlight`, the session's window,
 * has already been cleared.
 */
export function messagesInFlight(client: SmppClient): number {
  const s = client.stats();
  return s.submitted - s.accepted - s.failed - s.retried;
}

function bump(counts: Uint16Array<ArrayBuffer>, n: number): Uint16Array<ArrayBuffer> {
  let array = counts;
  if (n >= array.length) {
    let size = array.length;
    while (size <= n) size *= 2;
    const grown = new Uint16Array(size);
    grown.set(array);
    array = grown;
  }
  if (array[n] < 0xffff) array[n]++;
  return array;
}

/**
 * Keeps the client's queue at least `depth` deep ("full load") until `stop()` is called; resolves with how
 * many messages it handed over.
 */
export function feedContinuously(
  client: SmppClient,
  ledger: DeliveryLedger,
  depth: number,
): { stop(): Promise<number> } {
  let stopped = false;
  const running = (async () => {
    let handed = 0;
    while (!stopped) {
      const missing = depth - (client.stats().queueDepth ?? 0);
      for (let i = 0; i < missing && !stopped; i++) {
        await client.send(ledger.nextMessage());
        handed++;
      }
      await delay(5);
    }
    return handed;
  })();
  return {
    stop: () => {
      stopped = true;
      return running;
    },
  };
}
