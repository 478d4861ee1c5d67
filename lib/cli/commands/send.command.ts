import type { SendArgs } from '../args/cli-args.interface.js';
import type { ExitCodeValue } from '../exit-codes.js';
import { loadCommandInput } from '../input/load-command-input.js';
import { validateMessages } from '../input/validate-messages.js';
import type { CommandContext } from './command-context.interface.js';
import { sendBatch } from './send-batch.js';
import { sendOne } from './send-one.js';

/**
 * `naz-cli send`: one message from flags (waits for its receipt) or a batch file (progress and summary).
 * Sends from this process through its own in-memory queue; the configured queue is `run`'s.
 */
export async function sendCommand(context: CommandContext<SendArgs>): Promise<ExitCodeValue> {
  const input = await loadCommandInput(context.args, context.io.cwd);
  if (!input) throw new Error('send: parseCliArgs guarantees --file or --to/--text');
  validateMessages(input.messages, context.config.resolved, input.source);
  return context.args.file === undefined
    ? sendOne(context, input.messages[0]!.message)
    : sendBatch(context, input);
}
