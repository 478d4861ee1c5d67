import { describe, it, expect } from '@jest/globals';

import {
  isFinalState,
  MessageState,
  messageStateOf,
  receiptStateFromMessageState,
  receiptStateFromStat,
} from './message-state.constants.js';

describe('message_state ⇄ stat (SMPP 3.4 §5.2.28, Appendix B)', () => {
  it('has the spec values', () => {
    expect(MessageState).toMatchObject({
      ENROUTE: 1,
      DELIVERED: 2,
      EXPIRED: 3,
      DELETED: 4,
      UNDELIVERABLE: 5,
      ACCEPTED: 6,
      UNKNOWN: 7,
      REJECTED: 8,
    });
  });

  it.each([
    [1, 'ENROUTE'],
    [2, 'DELIVRD'],
    [3, 'EXPIRED'],
    [4, 'DELETED'],
    [5, 'UNDELIV'],
    [6, 'ACCEPTD'],
    [7, 'UNKNOWN'],
    [8, 'REJECTD'],
    [0, 'SCHEDULED'],
    [9, 'SKIPPED'],
  ] as const)('message_state %s ⇄ %s', (value, state) => {
    expect(receiptStateFromMessageState(value)).toBe(state);
    expect(messageStateOf(state)).toBe(value);
  });

  it('maps a message_state outside the table to UNKNOWN', () => {
    expect(receiptStateFromMessageState(42)).toBe('UNKNOWN');
  });

  it('knows the stat words seen in the wild', () => {
    expect(receiptStateFromStat(' buffred ')).toBe('ENROUTE');
    expect(receiptStateFromStat('UNDELIVERABLE')).toBe('UNDELIV');
    expect(receiptStateFromStat('nope')).toBeUndefined();
  });

  it('treats SCHEDULED, ENROUTE and UNKNOWN as not final', () => {
    expect(['SCHEDULED', 'ENROUTE', 'UNKNOWN'].map((s) => isFinalState(s as never))).toEqual([
      false,
      false,
      false,
    ]);
    expect(isFinalState('DELIVRD')).toBe(true);
  });
});
