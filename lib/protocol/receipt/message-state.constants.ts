/**
 * message_state values (SMPP 3.4 §5.2.28, Table 5-6; SCHEDULED and SKIPPED from v5.0).
 */
export const MessageState = {
  SCHEDULED: 0,
  ENROUTE: 1,
  DELIVERED: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIVERABLE: 5,
  ACCEPTED: 6,
  UNKNOWN: 7,
  REJECTED: 8,
  SKIPPED: 9,
} as const;

/** A message_state number. */
export type MessageStateValue = (typeof MessageState)[keyof typeof MessageState];

/**
 * The normalised receipt status: the 7-letter `stat:` words of SMPP 3.4 Appendix B, plus ENROUTE and the
 * v5.0 states.
 */
export type ReceiptState =
  | 'SCHEDULED'
  | 'ENROUTE'
  | 'DELIVRD'
  | 'EXPIRED'
  | 'DELETED'
  | 'UNDELIV'
  | 'ACCEPTD'
  | 'UNKNOWN'
  | 'REJECTD'
  | 'SKIPPED';

const STATE_BY_NUMBER: readonly ReceiptState[] = [
  'SCHEDULED',
  'ENROUTE',
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
  'SKIPPED',
];

/**
 * `stat:` words seen in the wild → normalised state. Kannel also accepts ACKED, BUFFRED, BUFFERD and
 * ENROUTE, all meaning "not delivered yet" (SMPP.md §9).
 */
const STAT_ALIASES: ReadonlyMap<string, ReceiptState> = new Map<string, ReceiptState>([
  ['DELIVRD', 'DELIVRD'],
  ['DELIVERED', 'DELIVRD'],
  ['EXPIRED', 'EXPIRED'],
  ['DELETED', 'DELETED'],
  ['UNDELIV', 'UNDELIV'],
  ['UNDELIVERABLE', 'UNDELIV'],
  ['UNDELIVERED', 'UNDELIV'],
  ['ACCEPTD', 'ACCEPTD'],
  ['ACCEPTED', 'ACCEPTD'],
  ['UNKNOWN', 'UNKNOWN'],
  ['REJECTD', 'REJECTD'],
  ['REJECTED', 'REJECTD'],
  ['ENROUTE', 'ENROUTE'],
  ['ACKED', 'ENROUTE'],
  ['BUFFRED', 'ENROUTE'],
  ['BUFFERD', 'ENROUTE'],
  ['BUFFERED', 'ENROUTE'],
  ['SCHEDULED', 'SCHEDULED'],
  ['SKIPPED', 'SKIPPED'],
]);

/** The normalised state for a `stat:` word (case-insensitive), or `undefined` for a word not known. */
export function receiptStateFromStat(stat: string): ReceiptState | undefined {
  return STAT_ALIASES.get(stat.trim().toUpperCase());
}

/** The normalised state for a message_state number; `'UNKNOWN'` for values outside §5.2.28. */
export function receiptStateFromMessageState(messageState: number): ReceiptState {
  return STATE_BY_NUMBER[messageState] ?? 'UNKNOWN';
}

/** The message_state number of a normalised state. */
export function messageStateOf(state: ReceiptState): MessageStateValue {
  return STATE_BY_NUMBER.indexOf(state) as MessageStateValue;
}

/**
 * Whether a state is final, i.e. no further receipt will follow: DELIVERED, EXPIRED, DELETED,
 * UNDELIVERABLE, ACCEPTED, REJECTED and SKIPPED. SCHEDULED, ENROUTE and UNKNOWN (which v5.0 §4.7.15 says may
 * be temporary) are not.
 */
export function isFinalState(state: ReceiptState): boolean {
  return !(state === 'SCHEDULED' || state === 'ENROUTE' || state === 'UNKNOWN');
}
