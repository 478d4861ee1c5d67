import type { ReceiptState } from '../protocol/receipt/message-state.constants.js';
import type { LedgerEntry, MessageStatus, MessageSummary, PartReceipt } from './message-ledger.interface.js';

/** A part's final receipt as the state keeps it (times in epoch ms, JSON-ready). */
export interface PartReceiptState {
  messageId: string;
  state: ReceiptState;
  errorCode?: string;
  at: number;
}

/**
 * The folded state of one message: what every ledger keeps per message besides its event list. Plain JSON (the
 * PostgreSQL ledger stores it as `jsonb`), times in epoch milliseconds.
 */
export interface LedgerState {
  correlationId: string;
  client?: string;
  to?: string;
  from?: string;
  metadata?: Record<string, unknown>;
  text?: string;
  status: MessageStatus;
  /** Order of statuses: a status never gives way to a lower one (a late event of an earlier stage). */
  rank: number;
  /** When the current status was set (a later event of the same rank wins). */
  statusAt: number;
  final: boolean;
  reason?: string;
  messageIds: string[];
  attempts: number;
  /** From the last submit_sm: whether a receipt on success was asked for. */
  receiptRequested?: boolean;
  /** Final receipts by part (0-based, as a string key). */
  receipts: Record<string, PartReceiptState>;
  createdAt: number;
  updatedAt: number;
  finalAt?: number;
}

const RANK: Record<MessageStatus, number> = {
  queued: 0,
  sending: 1,
  retrying: 1,
  submitted: 2,
  delivered: 3,
  undeliverable: 3,
  expired: 3,
  deleted: 3,
  rejected: 3,
  accepted: 3,
  skipped: 3,
  failed: 3,
};

/** The status a final receipt state stands for (SMPP 3.4 §5.2.28 message_state). */
const RECEIPT_STATUS: Partial<Record<ReceiptState, MessageStatus>> = {
  DELIVRD: 'delivered',
  UNDELIV: 'undeliverable',
  EXPIRED: 'expired',
  DELETED: 'deleted',
  REJECTD: 'rejected',
  ACCEPTD: 'accepted',
  SKIPPED: 'skipped',
};

/** A state for a message the ledger has not seen yet. */
export function newLedgerState(correlationId: string, at: number): LedgerState {
  return {
    correlationId,
    status: 'queued',
    rank: -1,
    statusAt: at,
    final: false,
    messageIds: [],
    attempts: 0,
    receipts: {},
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Folds one entry into a message's state. Order-tolerant: entries of one message may arrive out of order across
 * replicas (a receipt before the submit result), and the state converges to the same result.
 */
export function applyLedgerEntry(s: LedgerState, e: LedgerEntry): void {
  if (e.at < s.createdAt) s.createdAt = e.at;
  if (e.at > s.updatedAt) s.updatedAt = e.at;
  switch (e.type) {
    case 'queued':
      s.client ??= e.client;
      s.to = e.to;
      if (e.from !== undefined) s.from = e.from;
      if (e.metadata !== undefined) s.metadata = e.metadata;
      if (e.text !== undefined) s.text = e.text;
      setStatus(s, 'queued', e.at);
      return;
    case 'submit':
      s.client ??= e.client;
      s.to ??= e.to;
      if (e.from !== undefined) s.from ??= e.from;
      s.receiptRequested = e.receiptRequested;
      setStatus(s, 'sending', e.at);
      return;
    case 'retry':
      s.attempts = Math.max(s.attempts, e.attempt);
      setStatus(s, 'retrying', e.at);
      return;
    case 'submitted':
      s.attempts = Math.max(s.attempts, e.attempt);
      s.messageIds = e.messageIds;
      setStatus(s, 'submitted', e.at);
      if (s.receiptRequested !== true) finish(s, e.at, undefined);
      resolveReceipts(s);
      return;
    case 'failover':
      setStatus(s, 'retrying', e.at);
      return;
    case 'routed':
      // The router's word on which client handled it wins over the first submit's client.
      s.client = e.client;
      s.attempts = Math.max(s.attempts, e.attempts);
      if (s.messageIds.length === 0) s.messageIds = e.messageIds;
      setStatus(s, 'submitted', e.at);
      if (s.receiptRequested !== true) finish(s, e.at, undefined);
      resolveReceipts(s);
      return;
    case 'failed':
      s.attempts = Math.max(s.attempts, e.attempt);
      setStatus(s, 'failed', e.at);
      s.reason = e.reason;
      finish(s, e.at, e.reason);
      return;
    case 'receipt':
      if (!e.final || RECEIPT_STATUS[e.state] === undefined) return;
      s.receipts[String(e.part)] = {
        messageId: e.messageId,
        state: e.state,
        at: e.at,
        errorCode: e.errorCode,
      };
      resolveReceipts(s);
      return;
  }
}

/** The public view of a state. */
export function toMessageSummary(s: LedgerState): MessageSummary {
  const summary: MessageSummary = {
    correlationId: s.correlationId,
    status: s.status,
    final: s.final,
    messageIds: s.messageIds,
    attempts: s.attempts,
    receipts: partReceipts(s),
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
  };
  if (s.client !== undefined) summary.client = s.client;
  if (s.to !== undefined) summary.to = s.to;
  if (s.from !== undefined) summary.from = s.from;
  if (s.metadata !== undefined) summary.metadata = s.metadata;
  if (s.text !== undefined) summary.text = s.text;
  if (s.reason !== undefined) summary.reason = s.reason;
  if (s.finalAt !== undefined) summary.finalAt = new Date(s.finalAt);
  return summary;
}

function partReceipts(s: LedgerState): PartReceipt[] {
  return Object.entries(s.receipts)
    .map(([part, r]) => {
      const receipt: PartReceipt = {
        part: Number(part),
        messageId: r.messageId,
        state: r.state,
        at: new Date(r.at),
      };
      if (r.errorCode !== undefined) receipt.errorCode = r.errorCode;
      return receipt;
    })
    .sort((a, b) => a.part - b.part);
}

function setStatus(s: LedgerState, status: MessageStatus, at: number): void {
  const rank = RANK[status];
  if (rank > s.rank || (rank === s.rank && at >= s.statusAt)) {
    s.status = status;
    s.rank = rank;
    s.statusAt = at;
  }
}

function finish(s: LedgerState, at: number, reason: string | undefined): void {
  s.final = true;
  s.finalAt = s.finalAt === undefined ? at : Math.max(s.finalAt, at);
  if (reason !== undefined) s.reason = reason;
}

/** Once every part has a final receipt: delivered when all are DELIVRD, else the first other part's state. */
function resolveReceipts(s: LedgerState): void {
  const parts = s.messageIds.length;
  if (parts === 0 || s.status === 'failed') return;
  let verdict: MessageStatus = 'delivered';
  let reason: string | undefined;
  // The verdict's time is that of the last receipt, whichever fact arrived last (a receipt may precede the
  // submit result): the same state in whatever order the entries come.
  let lastReceiptAt = 0;
  for (let part = 0; part < parts; part++) {
    const receipt = s.receipts[String(part)];
    if (receipt === undefined) return;
    lastReceiptAt = Math.max(lastReceiptAt, receipt.at);
    const status = RECEIPT_STATUS[receipt.state] ?? 'delivered';
    if (status !== 'delivered' && verdict === 'delivered') {
      verdict = status;
      reason = `${receipt.state}${receipt.errorCode !== undefined ? ` (err:${receipt.errorCode})` : ''}${
        parts > 1 ? ` on part ${part + 1}/${parts}` : ''
      }`;
    }
  }
  setStatus(s, verdict, lastReceiptAt);
  if (verdict === 'delivered') s.reason = undefined;
  finish(s, lastReceiptAt, reason);
}
