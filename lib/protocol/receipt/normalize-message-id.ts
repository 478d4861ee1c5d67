/** Turns a message id into the key used to match submit_sm_resp ids with receipt ids. */
export type MessageIdNormalizer = (id: string) => string;

/** Options of {@link normalizeMessageId}. */
export interface NormalizeMessageIdOptions {
  /**
   * Read the id as a number in this base and write it in `to`, so an SMSC answering hex `1A` in
   * submit_sm_resp and decimal `26` in the receipt gives one key: normalise the first with `from: 'hex'`
   * and the second with `from: 'decimal'`. An id that is not a number in that base falls back to the
   * default normalisation.
   */
  from?: 'hex' | 'decimal';
  /** Base of the result when `from` is set. @default 'decimal' */
  to?: 'hex' | 'decimal';
}

/**
 * Normalises a message id for correlation.
 *
 * @remarks
 * By default: trimmed, lower-cased, leading zeros removed (`'00AB12'` → `'ab12'`, `'000'` → `'0'`), which
 * absorbs the case and padding differences many SMSCs show between submit_sm_resp and receipts.
 * Numbers of any length are handled exactly (BigInt).
 *
 * @example
 * normalizeMessageId('1A', { from: 'hex' }); // '26'
 * normalizeMessageId('0026', { from: 'decimal' }); // '26'
 */
export function normalizeMessageId(id: string, options?: NormalizeMessageIdOptions): string {
  // Runs twice per message with receipts (submit_sm_resp and receipt): an id already in normal form is
  // returned as it is, without the trim, lower-case and regex copies (a property test holds this to the rule).
  if (options?.from === undefined && isAlreadyNormal(id)) return id;
  const trimmed = id.trim().toLowerCase();
  if (options?.from) {
    const valid = options.from === 'hex' ? /^(0x)?[0-9a-f]+$/.test(trimmed) : /^\d+$/.test(trimmed);
    if (valid) {
      const value = BigInt(options.from === 'hex' && !trimmed.startsWith('0x') ? `0x${trimmed}` : trimmed);
      return value.toString(options.to === 'hex' ? 16 : 10);
    }
  }
  const stripped = trimmed.replace(/^0+/, '');
  return stripped === '' && trimmed !== '' ? '0' : stripped;
}

/** Printable ASCII without upper case letters, not starting with `0`: nothing the default rule would change. */
function isAlreadyNormal(id: string): boolean {
  const length = id.length;
  if (length === 0 || id.charCodeAt(0) === 0x30) return false;
  for (let i = 0; i < length; i++) {
    const c = id.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || (c >= 0x41 && c <= 0x5a)) return false;
  }
  return true;
}

/** A {@link MessageIdNormalizer} with fixed options, e.g. for the correlator's `normalizeMessageId`. */
export function createMessageIdNormalizer(options: NormalizeMessageIdOptions = {}): MessageIdNormalizer {
  return (id) => normalizeMessageId(id, options);
}
