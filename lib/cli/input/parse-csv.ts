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

/**
 * Splits CSV text (RFC 4180) into records: comma-separated, fields optionally in double quotes, `""` for a
 * quote inside quotes, commas and line breaks allowed inside quotes, LF or CRLF line ends, a UTF-8 BOM ignored.
 *
 * @remarks
 * Blank lines are skipped. A quote inside an unquoted field is kept as it is (spreadsheets write such files).
 *
 * @throws CsvSyntaxError for an unclosed quote or text after a closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // A quote opens a quoted field only as the field's first character.
  let fieldTouched = false;
  // Distinguishes a blank line from a record holding one empty quoted field ("").
  let recordTouched = false;

  const endRecord = (): void => {
    fields.push(field);
    if (recordTouched || field !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldTouched = false;
    recordTouched = false;
  };

  while (i < input.length) {
    const ch = input[i];
    if (ch === '"' && !fieldTouched) {
      const openedAt = line;
      fieldTouched = true;
      recordTouched = true;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError(openedAt, 'quoted field is never closed (missing ")');
        const c = input[i];
        if (c === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(
          line,
          `unexpected ${JSON.stringify(next)} after a closing quote (write "" for a quote inside quotes)`,
        );
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      fieldTouched = false;
      recordTouched = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    fieldTouched = true;
    recordTouched = true;
    i++;
  }
  if (recordTouched || field !== '') endRecord();
  return records;
}
