/**
 * Reads a receipt date as UTC: `YYMMDDhhmm` (SMPP 3.4 Appendix B), `YYMMDDhhmmss` (common variant) or
 * `YYYYMMDDhhmmss`. Two-digit years are 20YY. Returns `undefined` for anything else or an impossible date.
 *
 * @remarks
 * Reads the digits by char code, without a regular expression or intermediate strings: it runs twice per
 * receipt (submit and done dates), and the regex version was the receipt path's hottest function.
 */
export function parseReceiptDate(value: string): Date | undefined {
  // Receipts come in bursts that share their dates (minute resolution): the last answer is kept. A fresh Date
  // each time, as a Date is mutable and each receipt owns its own.
  if (value === lastValue) return Number.isNaN(lastMs) ? undefined : new Date(lastMs);
  const date = parseUncached(value);
  lastValue = value;
  lastMs = date === undefined ? NaN : date.getTime();
  return date;
}

let lastValue: string | undefined;
let lastMs = NaN;

function parseUncached(value: string): Date | undefined {
  const digits = value.trim();
  const length = digits.length;
  if (length !== 10 && length !== 12 && length !== 14) return undefined;
  for (let i = 0; i < length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  // YYYYMMDDhhmmss: the century comes first; the rest reads as the 12-digit form.
  const at = length === 14 ? 2 : 0;
  const century = length === 14 ? pair(digits, 0) : 20;
  const yy = pair(digits, at);
  const mo = pair(digits, at + 2);
  const dd = pair(digits, at + 4);
  const hh = pair(digits, at + 6);
  const mi = pair(digits, at + 8);
  const ss = length === 10 ? 0 : pair(digits, at + 10);
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59) return undefined;
  const date = new Date(Date.UTC(century * 100 + yy, mo - 1, dd, hh, mi, ss));
  return date.getUTCDate() === dd ? date : undefined; // rejects 31 February and the like
}

/** The two decimal digits of `digits` at `i`, as a number (both already checked to be digits). */
function pair(digits: string, i: number): number {
  return (digits.charCodeAt(i) - 0x30) * 10 + (digits.charCodeAt(i + 1) - 0x30);
}
