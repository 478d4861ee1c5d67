import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

import { InputError } from '../errors/input-error.js';
import type { NumberedMessage } from './numbered-message.interface.js';
import { CsvSyntaxError, readCsvRecords, type CsvRecord } from './read-csv-records.js';

/** Column names with a meaning (matched case-insensitively, `_`/`-` ignored); others become metadata. */
const KNOWN_COLUMNS: Record<string, 'to' | 'from' | 'text' | 'correlationId'> = {
  to: 'to',
  from: 'from',
  text: 'text',
  correlationid: 'correlationId',
};

const MESSAGE_FIELDS: ReadonlySet<string> = new Set(Object.values(KNOWN_COLUMNS));

/**
 * Reads a batch CSV as it streams in: a header row naming `to`, `text` (required) and `from`, `correlationId`
 * (optional); any other column goes into each message's `metadata` under its header name.
 *
 * @remarks
 * An empty `from` cell leaves the config's `defaults.from`; an empty `correlationId` gets a UUID.
 *
 * @throws InputError naming the source and line: malformed CSV, missing columns, a row with the wrong
 * number of fields, an empty `to`, a repeated correlationId.
 */
export async function messagesFromCsv(input: Readable, source: string): Promise<NumberedMessage[]> {
  const messages: NumberedMessage[] = [];
  let toMessage: ((record: CsvRecord) => NumberedMessage) | undefined;
  try {
    await readCsvRecords(input, (record) => {
      if (toMessage === undefined) toMessage = rowReader(record, source);
      else messages.push(toMessage(record));
    });
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new InputError(source, error.line, error.rule, { cause: error });
    throw error;
  }
  if (toMessage === undefined)
    throw new InputError(source, undefined, 'is empty; expected a header row such as to,from,text');
  return messages;
}

/** Reads the header and returns what turns each following row into a message. */
function rowReader(header: CsvRecord, source: string): (row: CsvRecord) => NumberedMessage {
  const columns: string[] = header.fields.map(
    (name) => KNOWN_COLUMNS[name.trim().toLowerCase().replace(/[_-]/g, '')] ?? name.trim(),
  );
  for (const required of ['to', 'text']) {
    if (!columns.includes(required)) {
      throw new InputError(
        source,
        header.line,
        `header has no "${required}" column (header: ${header.fields.join(',')}); expected to,from,text[,correlationId,...]`,
      );
    }
  }
  const seen = new Set<string>();
  return ({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw new InputError(source, line, `${fields.length} fields, but the header has ${columns.length}`);
    }
    const values: Record<string, string> = {};
    const metadata: Record<string, string> = {};
    columns.forEach((column, index) => {
      const value = fields[index] as string;
      if (MESSAGE_FIELDS.has(column)) values[column] = value;
      else metadata[column] = value;
    });
    const to = (values.to ?? '').trim();
    if (to === '') throw new InputError(source, line, '"to" is empty');
    const correlationId = values.correlationId?.trim() || randomUUID();
    if (seen.has(correlationId))
      throw new InputError(source, line, `correlationId "${correlationId}" appears twice`);
    seen.add(correlationId);
    const message: NumberedMessage['message'] = { correlationId, to, text: values.text ?? '' };
    const from = values.from?.trim();
    if (from) message.from = from;
    if (Object.keys(metadata).length > 0) message.metadata = metadata;
    return { line, message };
  };
}
