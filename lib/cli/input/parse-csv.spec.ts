import { describe, expect, it } from '@jest/globals';

import { CsvSyntaxError, parseCsv } from './parse-csv.js';

const fieldsOf = (text: string): string[][] => parseCsv(text).map((r) => r.fields);

describe('parseCsv (RFC 4180)', () => {
  it('splits plain fields on commas and records on LF or CRLF', () => {
    expect(fieldsOf('to,from,text\r\n2547,NAZ,hi\n2548,,yo')).toEqual([
      ['to', 'from', 'text'],
      ['2547', 'NAZ', 'hi'],
      ['2548', '', 'yo'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(fieldsOf('a,"Hello, ""world""","line1\nline2"\n')).toEqual([
      ['a', 'Hello, "world"', 'line1\nline2'],
    ]);
  });

  it('reports the line each record starts on, counting line breaks inside quotes', () => {
    const records = parseCsv('h1,h2\n"x\ny",1\n\nz,2\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('skips blank lines but keeps a record made of one empty quoted field', () => {
    expect(fieldsOf('a\n\n""\n')).toEqual([['a'], ['']]);
  });

  it('ignores a UTF-8 byte order mark', () => {
    expect(fieldsOf('\uFEFFto,text\n1,2')).toEqual([
      ['to', 'text'],
      ['1', '2'],
    ]);
  });

  it('keeps empty trailing fields', () => {
    expect(fieldsOf('a,b,\n')).toEqual([['a', 'b', '']]);
  });

  it('rejects an unclosed quote, naming the line it opened on', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(
      new CsvSyntaxError(2, 'quoted field is never closed (missing ")'),
    );
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('"ab"c,d')).toThrow(/line 1: unexpected "c" after a closing quote/);
  });

  it('keeps a quote inside an unquoted field as it is', () => {
    expect(fieldsOf('5" screen,x')).toEqual([['5" screen', 'x']]);
  });
});
