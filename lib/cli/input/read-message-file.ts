import { open, type FileHandle } from 'node:fs/promises';
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
  let handle: FileHandle | undefined;
  try {
    handle = await open(resolve(cwd, file), 'r');
    if (!JSON_LINES_EXTENSIONS.includes(extname(file).toLowerCase())) {
      return await messagesFromCsv(handle.createReadStream({ autoClose: false }), file);
    }
    return messagesFromJsonLines(await handle.readFile('utf8'), file);
  } catch (error) {
    // Only the file system's own errors (ENOENT, EISDIR, EACCES...) are the file's fault; anything else is ours.
    if (!isSystemError(error)) throw error;
    throw new InputError(
      file,
      undefined,
      error.code === 'ENOENT' ? 'file not found' : `cannot read (${error.code})`,
      { cause: error },
    );
  } finally {
    await handle?.close();
  }
}

function messagesFromJsonLines(text: string, file: string): NumberedMessage[] {
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

function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
