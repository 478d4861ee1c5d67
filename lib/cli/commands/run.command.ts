import { InMemoryOutboundQueue } from '../../queue/in-memory-outbound-queue.js';
import type { RunArgs } from '../args/cli-args.interface.js';
import { BindFailureError } from '../errors/bind-failure-error.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import { loadCommandInput } from '../input/load-command-input.js';
import { validateMessages } from '../input/validate-messages.js';
import { connectQueue } from '../queue/connect-queue.js';
import { holdClose } from '../queue/hold-close.js';
import { spillUnsent } from '../queue/spill-unsent.js';
import { feedJsonLines } from '../runtime/feed-json-lines.js';
import { OutcomeTracker } from '../runtime/outcome-tracker.js';
import { startClient, whenClientGivesUp } from '../runtime/start-client.js';
import { watchSignals } from '../runtime/watch-signals.js';
import type { CommandContext } from './command-context.interface.js';
import { loadConfiguredQueue } from './load-configured-queue.js';

/**
 * `naz-cli run`: binds and sends what the configured queue holds until SIGINT/SIGTERM, then drains: stops
 * taking messages, waits for in-flight responses (`drainTimeoutMs`), puts the rest back in the queue, unbinds.
 *
 * @remarks
 * Feeding: `--input file` enqueues a CSV/JSON-lines file first; `--input -` enqueues JSON lines from stdin as
 * they arrive. An in-memory queue dies with the process, so at shutdown what it still holds is written to
 * `--spill` (or logged as `unsent` events): accepted + failed + spilled = everything taken in.
 *
 * @returns 0 after a graceful stop on a signal.
 * @throws BindFailureError (exit code 5) once the client gives up reconnecting (`reconnect.maxAttempts`), after
 * the same drain.
 */
export async function runCommand(context: CommandContext<RunArgs>): Promise<ExitCodeValue> {
  const { args, config, logger, io } = context;
  const fileInput =
    args.input !== undefined && args.input !== '-'
      ? await loadCommandInput({ file: args.input }, io.cwd)
      : undefined;
  if (fileInput) validateMessages(fileInput.messages, config.resolved, fileInput.source);
  const loaded = await loadConfiguredQueue(context, false, fileInput?.messages.length);
  if (!loaded.queue) throw new Error(`queue ${loaded.description} was not constructed`);
  await connectQueue(loaded.queue, loaded.description, {
    timeoutMs: config.resolved.connectTimeoutMs,
    secrets: config.secrets,
  });
  const isMemory = loaded.queue instanceof InMemoryOutboundQueue;
  if (isMemory && args.input === undefined) {
    logger.warn(
      'the in-memory queue starts empty and nothing feeds it: give --input FILE or --input -, or configure a durable queue',
    );
  }
  const held = holdClose(loaded.queue);
  const signals = watchSignals(io);
  // The in-memory queue itself (not the close-holding wrapper): stop() reports what it still holds.
  const client = await startClient(context, isMemory ? loaded.queue : held.queue, undefined);
  const gaveUp = whenClientGivesUp(client, config.resolved.sessions);
  // Aborted by SIGINT/SIGTERM, or when the client gives up reconnecting.
  const stopping = new AbortController();
  const tracker = new OutcomeTracker(client, logger);
  const { name, host, port, systemId } = config.resolved;
  logger.info('running', {
    client: name,
    host,
    port,
    systemId,
    queue: loaded.description,
    input: args.input,
  });

  let fed = { sent: 0, rejected: 0 };
  if (fileInput) {
    for (const { message } of fileInput.messages) await client.send(message);
    fed.sent = fileInput.messages.length;
    logger.info('input enqueued', { source: fileInput.source, messages: fed.sent });
  }
  const feeding =
    args.input === '-'
      ? feedJsonLines(io.stdin, (message) => client.send(message), { logger, signal: stopping.signal }).then(
          (counts) => {
            if (!stopping.signal.aborted) logger.info('input ended', { source: 'stdin', ...counts });
            return counts;
          },
        )
      : undefined;

  const cause = await Promise.race([
    signals.received.then((signal) => ({ signal, gaveUp: undefined })),
    gaveUp.then((reason) => ({ signal: undefined, gaveUp: reason })),
  ]);
  const { signal } = cause;
  stopping.abort();
  if (cause.gaveUp) logger.error('the client gave up reconnecting; stopping', { reason: cause.gaveUp });
  else logger.info('shutting down', { signal });
  if (feeding) fed = await feeding;
  signals.dispose();
  const stopped = await client.stop();
  tracker.dispose();
  const spilled = isMemory ? await spillUnsent(stopped.unsent, { file: args.spill, logger }) : 0;
  await held.closeNow();
  logger.info('stopped', {
    signal,
    accepted: tracker.accepted,
    failed: tracker.failed,
    inputSent: fed.sent,
    inputRejected: fed.rejected,
    spilled,
    spillFile: spilled > 0 ? args.spill : undefined,
  });
  if (cause.gaveUp) {
    throw new BindFailureError(`could not stay bound to ${host}:${port} as "${systemId}": ${cause.gaveUp}`);
  }
  return ExitCode.Ok;
}
