/**
 * Splits a receipt text (SMPP 3.4 Appendix B: `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:…
 * text:…`) into lower-cased keys and trimmed values.
 *
 * @remarks
 * Tolerant by design, since the format is "SMSC vendor specific": any order, any case (`Text:` / `text:`),
 * missing fields, extra vendor fields, `submit_date` for `submit date`. A key starts the text or follows
 * whitespace, so colons inside values survive. `text` runs to the end of the string, as it is last in the
 * standard layout and may itself contain `key:` lookalikes.
 *
 * Keys are found by a hand-written scan that accepts exactly what
 * `/(?:^|\s)(submit[ _]?date|done[ _]?date|[a-z][a-z0-9_]*)\s*:/gi` would, scanning as a global regex does
 * (a property test holds it to that pattern). Written out because every receipt is parsed once on the
 * receipt path, and the pattern's `exec` built a match array per key: ~1.3 KB of garbage per receipt in
 * `npm run bench:profile`, more than any other function on that path.
 */
export function parseReceiptText(text: string): Record<string, string> {
  return parseCanonicalLayout(text) ?? parseStandardLayout(text) ?? parseAnyLayout(text);
}

/**
 * The keys of the standard layout (Appendix B) as they are spelled on the wire in the common case: lower
 * case, `submit date` and `done date` with one space. Matched case-insensitively by the fast path.
 */
const LAYOUT_KEYS = ['id', 'sub', 'dlvrd', 'submit date', 'done date', 'stat', 'err', 'text'] as const;

/**
 * The fast path for the text nearly every SMSC sends: `key:value` tokens separated by single spaces, each key
 * one of {@link LAYOUT_KEYS} (any order, any case), each value printable ASCII without spaces, `text:` last and
 * running to the end. On such a text the general scan finds exactly these keys and values (a key needs
 * whitespace before it, and no value holds any), so this returns what it would; on anything else it returns
 * `undefined` and the general scan decides. It reads each character once and tries no key at every space:
 * the general scan was ~12% of the client's busy time with a receipt per message (`PROFILE_RECEIPTS=1 npm
 * run bench:profile`).
 */
function parseStandardLayout(text: string): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  const length = text.length;
  let at = 0;
  while (at < length) {
    const key = layoutKeyAt(text, at);
    if (key === undefined) return undefined;
    at += key.length + 1; // the key and its colon
    if (key === 'text') {
      fields.text ??= text.slice(at).trim();
      return fields;
    }
    const valueStart = at;
    for (let c = text.charCodeAt(at); at < length && c > 0x20 && c < 0x7f; c = text.charCodeAt(++at));
    // After the value: the end, or one space and the next key.
    if (at < length && (text.charCodeAt(at) !== 0x20 || at + 1 === length)) return undefined;
    fields[key] ??= text.slice(valueStart, at);
    at++;
  }
  return fields;
}

/**
 * The fastest path: all eight keys of {@link LAYOUT_KEYS} in that order, under the rules of
 * {@link parseStandardLayout} (single spaces, values of printable ASCII without spaces, any key case). Each
 * key is compared once where it must be instead of tried against all eight, and the result is one object
 * literal (the keys in the order {@link parseStandardLayout} would insert them) instead of eight keyed
 * stores. Anything else returns `undefined` for the next path. Issue 13: `parseStandardLayout` was ~40% of
 * `parseDeliveryReceipt`, itself the largest function of the client's receipt path.
 */
function parseCanonicalLayout(text: string): Record<string, string> | undefined {
  const length = text.length;
  const bounds = VALUE_BOUNDS;
  let at = 0;
  for (let k = 0; k < LAYOUT_KEYS.length - 1; k++) {
    const key = LAYOUT_KEYS[k];
    if (!isLayoutKeyAt(text, at, key)) return undefined;
    at += key.length + 1;
    bounds[2 * k] = at;
    for (let c = text.charCodeAt(at); at < length && c > 0x20 && c < 0x7f; c = text.charCodeAt(++at));
    // One space, then the next key (never the end: `text` must follow).
    if (at + 1 >= length || text.charCodeAt(at) !== 0x20) return undefined;
    bounds[2 * k + 1] = at;
    at++;
  }
  if (!isLayoutKeyAt(text, at, 'text')) return undefined;
  return {
    id: text.slice(bounds[0], bounds[1]),
    sub: text.slice(bounds[2], bounds[3]),
    dlvrd: text.slice(bounds[4], bounds[5]),
    'submit date': text.slice(bounds[6], bounds[7]),
    'done date': text.slice(bounds[8], bounds[9]),
    stat: text.slice(bounds[10], bounds[11]),
    err: text.slice(bounds[12], bounds[13]),
    text: text.slice(at + 5).trim(),
  };
}

/** Where {@link parseCanonicalLayout} notes each value's start and end (reused: the parse is synchronous). */
const VALUE_BOUNDS = new Int32Array(2 * (LAYOUT_KEYS.length - 1));

/** Whether `key` (lower case) and its colon are at `at`, letters in any case, as {@link layoutKeyAt} matches. */
function isLayoutKeyAt(text: string, at: number, key: string): boolean {
  const end = at + key.length;
  if (end >= text.length || text.charCodeAt(end) !== 0x3a) return false;
  for (let i = 0; i < key.length; i++) {
    const expected = key.charCodeAt(i);
    const c = text.charCodeAt(at + i);
    if (c !== expected && !(expected >= 0x61 && c === expected - 0x20)) return false;
  }
  return true;
}

/** The standard key (with its colon right after it) at `at`, matched case-insensitively, else undefined. */
function layoutKeyAt(text: string, at: number): (typeof LAYOUT_KEYS)[number] | undefined {
  for (const key of LAYOUT_KEYS) {
    const end = at + key.length;
    if (end >= text.length || text.charCodeAt(end) !== 0x3a) continue;
    let i = 0;
    while (i < key.length) {
      const expected = key.charCodeAt(i);
      const c = text.charCodeAt(at + i);
      if (c !== expected && !(expected >= 0x61 && c === expected - 0x20)) break;
      i++;
    }
    if (i === key.length) return key;
  }
  return undefined;
}

/** The general scan (see {@link parseReceiptText}). */
function parseAnyLayout(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const length = text.length;
  let name: string | undefined;
  let valueStart = 0;
  // `at`: where the search for the next key starts (a global regex's lastIndex).
  for (let at = 0; at < length;) {
    let keyStart = -1;
    let matchIndex = at;
    for (let p = at; p < length; p++) {
      // `^` first (only at 0, as the regex tries it), then a whitespace character before the key.
      if (p === 0 && keyEnd(text, 0) >= 0) {
        keyStart = 0;
        matchIndex = 0;
        break;
      }
      if (isWhitespace(text.charCodeAt(p)) && p + 1 < length && keyEnd(text, p + 1) >= 0) {
        keyStart = p + 1;
        matchIndex = p;
        break;
      }
    }
    if (keyStart < 0) break;
    const colon = keyEnd(text, keyStart);
    // The previous key's value ends where this key's match starts.
    if (name !== undefined) setFirst(fields, name, text.slice(valueStart, matchIndex).trim());
    name = knownKey(text, keyStart) ?? keyName(text.slice(keyStart, keyWordEnd(text, keyStart)));
    valueStart = colon + 1;
    at = valueStart;
    if (name === 'text') break;
  }
  if (name !== undefined) setFirst(fields, name, text.slice(valueStart).trim());
  return fields;
}

/**
 * Where a key starting at `start` ends, as the pattern's alternatives try it in order: `submit[ _]?date`,
 * `done[ _]?date`, then a word (`[a-z][a-z0-9_]*`, any case). Returns the index just past the key's own
 * characters; {@link keyEnd} checks the colon.
 */
function keyWordEnd(text: string, start: number): number {
  for (const prefix of DATE_KEYS) {
    if (isDateKey(text, start, prefix)) return dateKeyEnd(text, start, prefix);
  }
  let p = start + 1;
  while (p < text.length && isWordChar(text.charCodeAt(p))) p++;
  return p;
}

/** The index of the colon ending a key that starts at `start`, or -1 when no key starts there. */
function keyEnd(text: string, start: number): number {
  if (start >= text.length || !isLetter(text.charCodeAt(start))) return -1;
  for (const prefix of DATE_KEYS) {
    const end = dateKeyEnd(text, start, prefix);
    if (end >= 0) {
      const colon = colonAfter(text, end);
      if (colon >= 0) return colon;
    }
  }
  let p = start + 1;
  while (p < text.length && isWordChar(text.charCodeAt(p))) p++;
  return colonAfter(text, p);
}

const DATE_KEYS = ['submit', 'done'] as const;

/**
 * The end of `submit[ _]?date` / `done[ _]?date` (any case) at `start`, or -1. Both spellings of the
 * optional separator are tried, as the regex backtracks: `[ _]` first, then none.
 */
function dateKeyEnd(text: string, start: number, prefix: string): number {
  if (!startsWithIgnoringCase(text, start, prefix)) return -1;
  const afterPrefix = start + prefix.length;
  const separator = text.charCodeAt(afterPrefix);
  if ((separator === 0x20 || separator === 0x5f) && startsWithIgnoringCase(text, afterPrefix + 1, 'date')) {
    const end = afterPrefix + 5;
    if (colonAfter(text, end) >= 0) return end;
  }
  return startsWithIgnoringCase(text, afterPrefix, 'date') ? afterPrefix + 4 : -1;
}

/** Whether the pattern's `submit[ _]?date` / `done[ _]?date` alternative is the one that matches at `start`. */
function isDateKey(text: string, start: number, prefix: string): boolean {
  const end = dateKeyEnd(text, start, prefix);
  return end >= 0 && colonAfter(text, end) >= 0;
}

/** `\s*:` at `from`: the colon's index, or -1. */
function colonAfter(text: string, from: number): number {
  let p = from;
  while (p < text.length && isWhitespace(text.charCodeAt(p))) p++;
  return text.charCodeAt(p) === 0x3a ? p : -1;
}

/** ASCII-only, case-insensitive (a non-unicode `/i` regex never folds a non-ASCII character into ASCII). */
function startsWithIgnoringCase(text: string, at: number, lower: string): boolean {
  if (at + lower.length > text.length) return false;
  for (let i = 0; i < lower.length; i++) {
    if ((text.charCodeAt(at + i) | 0x20) !== lower.charCodeAt(i) || !isLetter(text.charCodeAt(at + i))) {
      return false;
    }
  }
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isWordChar(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** What `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The keys of the standard layout (Appendix B), as `keyName` spells them. */
const STANDARD_KEYS = ['id', 'sub', 'dlvrd', 'stat', 'err', 'text'] as const;

/**
 * The name of the key at `start` when it is a standard one (any case, as the scan found it), without slicing
 * and lower-casing a copy of it: every receipt carries all eight.
 */
function knownKey(text: string, start: number): string | undefined {
  if (isDateKey(text, start, 'submit')) return 'submit date';
  if (isDateKey(text, start, 'done')) return 'done date';
  for (const key of STANDARD_KEYS) {
    if (startsWithIgnoringCase(text, start, key) && !isWordChar(text.charCodeAt(start + key.length))) {
      return key;
    }
  }
  return undefined;
}

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
