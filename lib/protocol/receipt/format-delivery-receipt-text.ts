import type { ReceiptState } from './message-state.constants.js';
import { utcDigits } from './utc-digits.js';

/** What {@link formatDeliveryReceiptText} writes. */
export interface DeliveryReceiptTextFields {
  /** The message id, as given in submit_sm_resp. */
  id: string;
  /** Parts submitted. @default 1 */
  submitted?: number;
  /** Parts delivered. @default 1 when stat is DELIVRD, else 0 */
  delivered?: number;
  /** When the message was submitted: a Date (written in UTC) or ready-made digits. */
  submitDate: Date | string;
  /** When it reached its state. */
  doneDate: Date | string;
  /** The 7-letter status, e.g. `'DELIVRD'`. */
  stat: ReceiptState | string;
  /** Error code, zero-padded to 3 digits. @default 0 */
  err?: number | string;
  /** The start of the message; only the first 20 characters are written. @default '' */
  text?: string;
  /** 10 digits (YYMMDDhhmm, Appendix B) or 12 (with seconds) for Date values. @default 10 */
  dateDigits?: 10 | 12;
}

/**
 * The standard receipt text of SMPP 3.4 Appendix B:
 * `id:… sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:…`.
 *
 * @example
 * formatDeliveryReceiptText({ id: '42', submitDate: sent, doneDate: new Date(), stat: 'DELIVRD', text });
 */
export function formatDeliveryReceiptText(fields: DeliveryReceiptTextFields): string {
  const submitted = fields.submitted ?? 1;
  const delivered = fields.delivered ?? (fields.stat === 'DELIVRD' ? 1 : 0);
  const digits = fields.dateDigits ?? 10;
  return (
    `id:${fields.id} sub:${pad3(submitted)} dlvrd:${pad3(delivered)} ` +
    `submit date:${formatDate(fields.submitDate, digits)} done date:${formatDate(fields.doneDate, digits)} ` +
    `stat:${fields.stat} err:${pad3(fields.err ?? 0)} text:${Array.from(fields.text ?? '')
      .slice(0, 20)
      .join('')}`
  );
}

function pad3(value: number | string): string {
  return String(value).padStart(3, '0');
}

function formatDate(value: Date | string, digits: 10 | 12): string {
  return typeof value === 'string' ? value : utcDigits(value, digits);
}
