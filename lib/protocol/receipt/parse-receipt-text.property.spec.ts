import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';

import { parseReceiptText } from './parse-receipt-text.js';

/**
 * The specification parseReceiptText's hand-written scan must match: the global regex it replaced, applied
 * as that version did (keys start the text or follow whitespace; `text` runs to the end; first occurrence wins).
 */
function byRegex(text: string): Record<string, string> {
  const pattern = /(?:^|\s)(submit[ _]?date|done[ _]?date|[a-z][a-z0-9_]*)\s*:/gi;
  const keyName = (key: string): string => {
    let name = key.toLowerCase();
    if (name.includes('_')) name = name.replace('_', ' ');
    if (name === 'submitdate') return 'submit date';
    if (name === 'donedate') return 'done date';
    return name;
  };
  const fields: Record<string, string> = {};
  let name: string | undefined;
  let valueStart = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (name !== undefined) fields[name] ??= text.slice(valueStart, match.index).trim();
    name = keyName(match[1]!);
    valueStart = match.index + match[0].length;
    if (name === 'text') break;
  }
  if (name !== undefined) fields[name] ??= text.slice(valueStart).trim();
  return fields;
}

/** Pieces receipt texts are made of, and the characters that trip a scanner: case, `_`, odd spaces, colons. */
const pieces = fc.constantFrom(
  'id',
  'ID',
  'sub',
  'dlvrd',
  'submit',
  'Submit',
  'SUBMIT',
  'done',
  'Done',
  'date',
  'Date',
  'stat',
  'err',
  'text',
  'Text',
  '_',
  ':',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '\u0085',
  '0',
  '123',
  'DELIVRD',
  'x9',
  'é',
  'ſ',
  '\0',
  '-',
);

const receiptLike = fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join(''));

describe('parseReceiptText: the hand-written scan', () => {
  it('reads the same keys and values as the Appendix B pattern on receipt-like texts', () => {
    fc.assert(
      fc.property(receiptLike, (text) => {
        expect(parseReceiptText(text)).toEqual(byRegex(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads the same keys and values as the Appendix B pattern on any latin1 text', () => {
    const latin1 = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)) });
    fc.assert(
      fc.property(latin1, (text) => {
        expect(parseReceiptText(text)).toEqual(byRegex(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads the same keys and values as the Appendix B pattern on standard-layout texts (the fast path)', () => {
    // Standard keys in any order and case, values of any printable character, and the near misses that
    // must leave the fast path: two spaces, a tab, a trailing space, a missing colon, a non-ASCII value.
    const key = fc.constantFrom(
      'id',
      'ID',
      'sub',
      'dlvrd',
      'submit date',
      'Submit Date',
      'done date',
      'stat',
      'err',
      'text',
      'Text',
      'submit_date',
      'stat ',
    );
    const value = fc.string({
      unit: fc.oneof(
        fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
        fc.constantFrom(' ', '\t', 'é', ':', 'sub:'),
      ),
      maxLength: 12,
    });
    const separator = fc.oneof(
      { weight: 8, arbitrary: fc.constant(' ') },
      { weight: 1, arbitrary: fc.constantFrom('  ', '\t', '') },
    );
    const token = fc.tuple(key, value).map(([k, v]) => `${k}:${v}`);
    const text = fc
      .tuple(fc.array(fc.tuple(token, separator), { maxLength: 9 }), fc.constantFrom('', ' '))
      .map(([tokens, end]) => tokens.map(([t, s], i) => (i === 0 ? t : s + t)).join('') + end);
    fc.assert(
      fc.property(text, (t) => {
        expect(parseReceiptText(t)).toEqual(byRegex(t));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads the same keys and values as the Appendix B pattern on texts with all eight keys in order', () => {
    // The canonical layout (the fastest path) and its near misses: key case, a value with a space, a tab or a
    // non-ASCII character, an empty value, a missing or doubled separator, a trailing space, text cut short.
    const variants = (key: string): fc.Arbitrary<string> =>
      fc.constantFrom(key, key.toUpperCase(), key[0]!.toUpperCase() + key.slice(1));
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.stringMatching(/^[\x21-\x7e]{0,12}$/) },
      { weight: 1, arbitrary: fc.constantFrom('', 'a b', 'a\tb', 'é', 'x:', ' ', 'sub:1') },
    );
    const separator = fc.oneof(
      { weight: 12, arbitrary: fc.constant(' ') },
      { weight: 1, arbitrary: fc.constantFrom('  ', '\t', '') },
    );
    const keys = ['id', 'sub', 'dlvrd', 'submit date', 'done date', 'stat', 'err', 'text'];
    const text = fc
      .tuple(
        fc.tuple(...keys.map((k) => fc.tuple(variants(k), value, separator))),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom('', ' ', ' text:x'),
      )
      .map(
        ([parts, count, end]) =>
          parts
            .slice(0, count)
            .map(([k, v, s], i) => (i === 0 ? '' : s) + `${k}:${v}`)
            .join('') + end,
      );
    fc.assert(
      fc.property(text, (t) => {
        expect(parseReceiptText(t)).toEqual(byRegex(t));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads every field of a standard receipt, vendor spellings included', () => {
    expect(
      parseReceiptText(
        'id:7f3a sub:001 dlvrd:001 Submit_Date:2501011200 donedate :2501011201 stat:DELIVRD err:000 text:a b:c',
      ),
    ).toEqual({
      id: '7f3a',
      sub: '001',
      dlvrd: '001',
      'submit date': '2501011200',
      'done date': '2501011201',
      stat: 'DELIVRD',
      err: '000',
      text: 'a b:c',
    });
  });
});
