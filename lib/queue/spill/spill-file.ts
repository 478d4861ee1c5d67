import { open, readFile, rename, rm } from 'node:fs/promises';
import type { QueuedMessage } from '../outbound-queue.interface.js';
import { parseQueuedMessage } from '../serialization/parse-queued-message.js';
import { serializeQueuedMessage } from '../serialization/serialize-queued-message.js';

/** A line of a spill file that could not be read back as a queue item. */
export interface UnreadableSpillLine {
  /** 1-based line number. */
  line: number;
  /** Why, naming the field and the rule (`QueueMessageFormatError`). */
  reason: string;
}

/** What {@link readSpillFile} found. */
export interface SpillFileContents {
  /** The messages, in file order. */
  messages: QueuedMessage[];
  /** Lines that are not a valid queue item (they stay in the file set aside, see `setAsideSpillFile`). */
  unreadable: UnreadableSpillLine[];
}

/**
 * Appends `messages` to `file` as JSON lines in the queue format (docs/QUEUE-FORMAT.md, version 1) and syncs the
 * file to disk before resolving: at shutdown the process may exit right after.
 *
 * @remarks
 * Appends, never overwrites: a spill left by an earlier run that was not read back yet is kept. The file is
 * readable by `naz-cli run --input`, `send --file`, any queue producer, and {@link readSpillFile}.
 */
export async function writeSpillFile(file: string, messages: readonly QueuedMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const text = messages.map((message) => `${serializeQueuedMessage(message)}\n`).join('');
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Reads a spill file back: one queue item per non-empty line. A missing file is an empty spill.
 *
 * @returns the messages and the lines that could not be read (never thrown: one bad line must not hold back
 * the others).
 */
export async function readSpillFile(file: string): Promise<SpillFileContents> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { messages: [], unreadable: [] };
    throw error;
  }
  const messages: QueuedMessage[] = [];
  const unreadable: UnreadableSpillLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    try {
      messages.push(parseQueuedMessage(line).message);
    } catch (error) {
      unreadable.push({ line: i + 1, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return { messages, unreadable };
}

/** Removes a spill file once its messages are back in a queue. */
export async function removeSpillFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * Renames a spill file that holds lines nobody can read (`<file>.unreadable-<time>`), so they are kept for a
 * person to look at and the next start does not trip over them again.
 * @returns the new name.
 */
export async function setAsideSpillFile(file: string, now = Date.now()): Promise<string> {
  const aside = `${file}.unreadable-${now}`;
  await rename(file, aside);
  return aside;
}
