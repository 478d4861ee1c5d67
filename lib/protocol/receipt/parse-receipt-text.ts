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
  // Sticky-free global scan; the pattern object is shared, so its lastIndex is reset for each text.
  KEY_PATTERN.lastIndex = 0;
  let name: string | undefined;
  let valueStart = 0;
  for (let match = KEY_PATTERN.exec(text); match; match = KEY_PATTERN.exec(text)) {
    // The previous key's value ends where this key's match starts.
    if (name !== undefined) setFirst(fields, name, text.slice(valueStart, match.index).trim());
    name = keyName(match[1]!);
    valueStart = match.index + match[0].length;
    if (name === 'text') break;
  }
  KEY_PATTERN.lastIndex = 0;
  if (name !== undefined) setFirst(fields, name, text.slice(valueStart).trim());
  return fields;
}

const KEY_PATTERN = /(?:^|\s)(submit[ _]?date|done[ _]?date|[a-z][a-z0-9_]*)\s*:/gi;

/** `Submit_Date` → `submit date`: lower case, the first `_` as a space, `submitdate`/`donedate` split. */
function keyName(key: string): string {
  let name = key.toLowerCase();
  if (name.includes('_')) name = name.replace('_', ' ');
  if (name === 'submitdate') return 'submit date';
  if (name === 'donedate') return 'done date';
  return name;
}

/** The first occurrence wins: a vendor field repeated later must not overwrite the standard one. */
function setFirst(fields: Record<string, string>, name: string, value: string): void {
  fields[name] ??= value;
}
