import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';

import { InputError } from '../errors/input-error.js';
import { messageFromJsonLine } from './message-from-json-line.js';
import { messagesFromCsv } from './messages-from-csv.js';
import type { NumberedMessage } from './numbered-message.interface.js';

/** Extensions read as JSON lines; anything else is CSV. */
const JSON_LINES_EXTENSIONS = ['.jsonl', '.ndjson'];

/**
 * Reads a batch file: JSON lines when it ends in `.jsonl`/`.ndjson`, CSV otherwise.
 *
 * @throws InputError when the file is missing or malformed, naming the line.
 */
export async function readMessageFile(file: string, cwd: string): Promise<NumberedMessage[]> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      file,
      undefined,
      code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(error)})`,
      { cause: error },
    );
  }
  if (!JSON_LINES_EXTENSIONS.includes(extname(file).toLowerCase())) return messagesFromCsv(text, file);
  const messages: NumberedMessage[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    const message = messageFromJsonLine(content, file, index + 1);
    if (seen.has(message.correlationId)) {
      throw new InputError(file, index + 1, `correlationId "${message.correlationId}" appears twice`);
    }
    seen.add(message.correlationId);
    messages.push({ line: index + 1, message });
  });
  return messages;
}
