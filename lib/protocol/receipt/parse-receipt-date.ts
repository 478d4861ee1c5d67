/**
 * Reads a receipt date as UTC: `YYMMDDhhmm` (SMPP 3.4 Appendix B), `YYMMDDhhmmss` (common variant) or
 * `YYYYMMDDhhmmss`. Two-digit years are 20YY. Returns `undefined` for anything else or an impossible date.
 */
export function parseReceiptDate(value: string): Date | undefined {
  let digits = value.trim();
  if (!/^\d+$/.test(digits)) return undefined;
  if (digits.length === 14) digits = digits.slice(2);
  else if (digits.length !== 10 && digits.length !== 12) return undefined;
  const [yy, mo, dd, hh, mi, ss = 0] = digits.match(/\d\d/g)!.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number?,
  ];
  const year = value.trim().length === 14 ? Number(value.trim().slice(0, 4)) : 2000 + yy;
  if (mo < 1 || mo > 12 || dd < 1 || dd > 31 || hh > 23 || mi > 59 || ss > 59) return undefined;
  const date = new Date(Date.UTC(year, mo - 1, dd, hh, mi, ss));
  return date.getUTCDate() === dd ? date : undefined; // rejects 31 February and the like
}
