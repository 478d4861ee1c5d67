/**
 * Splits a receipt text (SMPP 3.4 Appendix B: `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…
 * text:…`) into lower-cased keys and trimmed values.
 *
 * @remarks
 * Tolerant by design, since the format is "SMSC vendor specific": any order, any case (`Text:` / `text:`),
 * missing fields, extra vendor fields, `submit_date` for `submit date`. A key starts the text or follows
 * whitespace, so colons inside values survive. `text` runs to the end of the string, as it is last in the
 * standard layout and may itself contain `key:` lookalikes.
 */
export function parseReceiptText(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const keyPattern = /(?:^|\s)(submit[ _]?date|done[ _]?date|[a-z][a-z0-9_]*)\s*:/gi;
  const keys: { name: string; valueStart: number; matchStart: number }[] = [];
  for (let match = keyPattern.exec(text); match; match = keyPattern.exec(text)) {
    const name = match[1]!
      .toLowerCase()
      .replace('_', ' ')
      .replace(/^(submit|done)date$/, '$1 date');
    keys.push({ name, valueStart: match.index + match[0].length, matchStart: match.index });
    if (name === 'text') break;
  }
  keys.forEach((key, i) => {
    const end = key.name === 'text' ? text.length : (keys[i + 1]?.matchStart ?? text.length);
    // The first occurrence wins: a vendor field repeated later must not overwrite the standard one.
    fields[key.name] ??= text.slice(key.valueStart, end).trim();
  });
  return fields;
}
