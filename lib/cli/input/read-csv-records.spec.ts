import { Readable } from 'node:stream';

import { describe, expect, it } from '@jest/globals';

import { CsvSyntaxError, readCsvRecords, type CsvRecord } from './read-csv-records.js';

/** Feeds `text` as UTF-8 in chunks of `chunkSize` bytes, as a file stream would, so records and characters cross chunk borders. */
async function records(text: string, chunkSize = 3): Promise<CsvRecord[]> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: CsvRecord[] = [];
  await readCsvRecords(Readable.from(chunks), (record) => out.push(record));
  return out;
}
const fieldsOf = async (text: string, chunkSize?: number): Promise<string[][]> =>
  (await records(text, chunkSize)).map((r) => r.fields);
const failure = async (text: string): Promise<CsvSyntaxError> => {
  try {
    await records(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
};

describe('readCsvRecords (RFC 4180, streamed)', () => {
  it('splits plain fields on commas and records on LF, CRLF or CR, even mixed in one file', async () => {
    expect(await fieldsOf('to,from,text\r\n2547,NAZ,hi\n2548,,yo\r2549,,ok')).toEqual([
      ['to', 'from', 'text'],
      ['2547', 'NAZ', 'hi'],
      ['2548', '', 'yo'],
      ['2549', '', 'ok'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', async () => {
    expect(await fieldsOf('a,"Hello, ""world""","line1\nline2"\n')).toEqual([
      ['a', 'Hello, "world"', 'line1\nline2'],
    ]);
  });

  it('reports the line each record starts on, counting line breaks inside quotes and blank lines', async () => {
    expect((await records('h1,h2\n"x\ny",1\n\nz,2\n')).map((r) => r.line)).toEqual([1, 2, 5]);
    expect((await records('a\r\n\r\n\r\nb\r\n"c\r\nd"\r\ne')).map((r) => r.line)).toEqual([1, 4, 5, 7]);
  });

  it('skips blank lines but keeps a record made of one empty quoted field', async () => {
    expect(await fieldsOf('a\n\n""\n')).toEqual([['a'], ['']]);
  });

  it('ignores a UTF-8 byte order mark and keeps multi-byte characters split across chunks', async () => {
    expect(await fieldsOf('\uFEFFto,text\n1,Ünïcödé 🎉', 1)).toEqual([
      ['to', 'text'],
      ['1', 'Ünïcödé 🎉'],
    ]);
  });

  it('keeps empty trailing fields and rows of any length (the caller checks them against the header)', async () => {
    expect(await fieldsOf('a,b,\n1\n')).toEqual([['a', 'b', ''], ['1']]);
  });

  it('rejects an unclosed quote, naming the line it opened on', async () => {
    const error = await failure('a,b\n\n1,"open\n2,3');
    expect(error).toEqual(new CsvSyntaxError(3, 'quoted field is never closed (missing ")'));
  });

  it('rejects text after a closing quote, naming the line and field', async () => {
    expect((await failure('to,text\n1,"Hello, "Jane""')).message).toBe(
      'line 2: text after a closing quote (field 2) (write "" for a quote inside quotes)',
    );
    expect((await failure('to,text\r\n1,"two\r\nlines"\r\n\r\n2,"x"y')).line).toBe(5);
  });

  it('rejects a quote inside an unquoted field instead of guessing, and says how to write it', async () => {
    expect((await failure('to,text\n1,5" screen')).message).toBe(
      'line 2: a quote inside an unquoted field (field 2); quote the whole field and double the quote: "5"" screen"',
    );
  });

  it('passes on a read error of the underlying stream', async () => {
    const broken = new Readable({
      read() {
        this.destroy(
          Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' }),
        );
      },
    });
    const seen: CsvRecord[] = [];
    await expect(readCsvRecords(broken, (record) => seen.push(record))).rejects.toThrow('EISDIR');
    expect(seen).toEqual([]);
  });
});
