/**
 * A UTC time as the digits SMPP writes: `YYMMDDhhmm` (10, the receipt dates of Appendix B) or `YYMMDDhhmmss`
 * (12, the seconds some SMSCs add; and the start of the absolute time format of §7.1.1).
 */
export function utcDigits(value: Date, digits: 10 | 12): string {
  const base =
    two(value.getUTCFullYear() % 100) +
    two(value.getUTCMonth() + 1) +
    two(value.getUTCDate()) +
    two(value.getUTCHours()) +
    two(value.getUTCMinutes());
  return digits === 12 ? base + two(value.getUTCSeconds()) : base;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
