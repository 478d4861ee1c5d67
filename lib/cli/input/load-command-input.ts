import { randomUUID } from 'node:crypto';

import type { NumberedMessage } from './numbered-message.interface.js';
import { readMessageFile } from './read-message-file.js';

/** Messages given to `send`/`enqueue`/`run --input`, and a name for where they came from. */
export interface CommandInput {
  /** File name, or `arguments` for `--to/--text`. */
  source: string;
  messages: NumberedMessage[];
}

/**
 * Reads the messages a command was given: a batch file, or one message from `--to/--text/--from`.
 *
 * @throws InputError when the file is missing or malformed.
 */
export async function loadCommandInput(
  given: { file?: string; message?: { to: string; from?: string; text: string; correlationId?: string } },
  cwd: string,
): Promise<CommandInput | undefined> {
  if (given.file !== undefined)
    return { source: given.file, messages: await readMessageFile(given.file, cwd) };
  if (given.message === undefined) return undefined;
  const { to, from, text, correlationId } = given.message;
  const message: NumberedMessage['message'] = { correlationId: correlationId ?? randomUUID(), to, text };
  if (from !== undefined) message.from = from;
  return { source: 'arguments', messages: [{ line: 0, message }] };
}
