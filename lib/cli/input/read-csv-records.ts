import type { Readable } from 'node:stream';

import { CsvError, parse, type InfoRecord } from 'csv-parse';

/** One CSV record and the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Malformed CSV, with the line where the problem is. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly rule: string,
  ) {
    super(`line ${line}: ${rule}`);
    this.name = 'CsvSyntaxError';
  }
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Where records start. csv-parse's own `info.lines` counts a CRLF inside quotes twice when several record
 * delimiters are allowed, so the start line is counted here: a record spans one line plus the line breaks inside
 * its quoted fields (an unquoted line break ends the record), and the blank lines csv-parse skipped come between.
 */
class LineCounter {
  private nextStart = 1;
  private blankLinesSeen = 0;

  /** Start lines of the records parsed but not yet read, oldest first. */
  private readonly pending: number[] = [];

  /** Called by the parser as it reads each record, before it is queued for the reader. */
  parsed(fields: string[], context: InfoRecord): void {
    const line = this.startOfNext(context.empty_lines);
    let breaks = 0;
    for (const field of fields) {
      // Nearly every field has no line break: check before running the regular expression.
      if (field.includes('\n') || field.includes('\r')) breaks += field.match(LINE_BREAK)?.length ?? 0;
    }
    this.nextStart = line + 1 + breaks;
    this.blankLinesSeen = context.empty_lines;
    this.pending.push(line);
  }

  /** The start line of the record the reader takes now (records come out in the order they were parsed). */
  read(): number {
    return this.pending.shift() ?? this.nextStart;
  }

  /** The line of the record being read (for an error), given the blank lines skipped so far. */
  startOfNext(blankLines: number): number {
    return this.nextStart + (blankLines - this.blankLinesSeen);
  }
}

/**
 * Reads CSV (RFC 4180) from a stream with `csv-parse`, handing each record to `onRecord` as it is parsed:
 * comma-separated, fields optionally in double quotes, `""` for a quote inside quotes, commas and line breaks
 * allowed inside quotes, LF, CRLF or CR line ends (mixed too: files pasted together often mix them), a UTF-8 BOM
 * ignored, blank lines skipped.
 *
 * @remarks
 * Rows may have any number of fields: the caller compares them with the header and names the line. A quote
 * inside an unquoted field (`5" screen`) is refused, as RFC 4180 §2.5 says, rather than guessed at: the lenient
 * reading of `"Hello, "Jane""` would send the quotes to the handset. A callback rather than an async iterator:
 * its two promises per record added ~20% to reading 100,000 rows.
 *
 * @returns when the stream has ended and every record was handled.
 * @throws CsvSyntaxError naming the line of the record at fault (an unclosed quote, text after a closing quote, a
 * quote inside an unquoted field); what `onRecord` throws; the stream's read error.
 */
export function readCsvRecords(input: Readable, onRecord: (record: CsvRecord) => void): Promise<void> {
  const lines = new LineCounter();
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    on_record: (fields: string[], context) => {
      lines.parsed(fields, context);
      return fields;
    },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    const stop = (error: unknown): void => {
      if (settled) return;
      settled = true;
      input.unpipe(parser);
      parser.destroy();
      reject(
        error instanceof CsvError
          ? toSyntaxError(error, lines.startOfNext(numberIn(error, 'empty_lines') ?? 0))
          : error,
      );
    };
    parser.on('data', (fields: string[]) => {
      if (settled) return;
      try {
        onRecord({ line: lines.read(), fields });
      } catch (error) {
        stop(error);
      }
    });
    parser.once('error', stop);
    parser.once('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    // pipe() does not forward a read error (EISDIR, EIO...): without this the promise would never settle.
    input.once('error', stop);
    input.pipe(parser);
  });
}

/** A numeric context field of a csv-parse error (they carry the parser's state: lines, empty_lines, column...). */
function numberIn(error: CsvError, key: string): number | undefined {
  const value = error[key];
  return typeof value === 'number' ? value : undefined;
}

function toSyntaxError(error: CsvError, line: number): CsvSyntaxError {
  const column = numberIn(error, 'column');
  const field = column === undefined ? '' : ` (field ${column + 1})`;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      // An unquoted field cannot hold a line break, so the quote opened on the record's first line.
      return new CsvSyntaxError(line, 'quoted field is never closed (missing ")');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvSyntaxError(
        line,
        `text after a closing quote${field} (write "" for a quote inside quotes)`,
      );
    case 'INVALID_OPENING_QUOTE':
      return new CsvSyntaxError(
        line,
        `a quote inside an unquoted field${field}; quote the whole field and double the quote: "5"" screen"`,
      );
    default:
      return new CsvSyntaxError(line, error.message);
  }
}
