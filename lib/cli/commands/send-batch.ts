import { InMemoryOutboundQueue } from '../../queue/in-memory-outbound-queue.js';
import type { SendArgs } from '../args/cli-args.interface.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandInput } from '../input/load-command-input.js';
import { formatBatchSummary, type BatchSummary } from '../output/batch-summary.js';
import { ProgressReporter } from '../output/progress-reporter.js';
import { OutcomeTracker } from '../runtime/outcome-tracker.js';
import { startClient } from '../runtime/start-client.js';
import { watchSignals } from '../runtime/watch-signals.js';
import type { CommandContext } from './command-context.interface.js';

/**
 * Sends a batch through the client's pipeline (its own in-memory queue, rate limit, throttle, retries):
 * progress while it runs, a summary table on stderr and a `batch summary` event at the end.
 *
 * @returns 0 all accepted, 6 any failed, 130 interrupted (in-flight drained, the rest counted as unfinished).
 */
export async function sendBatch(
  context: CommandContext<SendArgs>,
  input: CommandInput,
): Promise<ExitCodeValue> {
  const { args, config, logger, io } = context;
  const { messages } = input;
  const signals = watchSignals(io);
  const queue = new InMemoryOutboundQueue({
    capacity: Math.max(1, messages.length, config.resolved.queueCapacity),
  });
  const client = await startClient(context, queue, args.bindTimeoutMs);
  const progress = new ProgressReporter({ total: messages.length, stream: io.stderr, logger });
  // On a terminal the bar shows acceptances; each one is still logged at debug level.
  const tracker = new OutcomeTracker(client, logger, messages, {
    acceptedLevel: progress.drawsBar ? 'debug' : 'info',
  });
  if (progress.drawsBar) context.setBeforeLogLine(() => progress.clearLine());
  tracker.onOutcome(() => progress.update(tracker));
  const started = Date.now();
  logger.info('batch started', { source: input.source, messages: messages.length });

  let interrupted = false;
  try {
    for (const { message } of messages) {
      if (signals.signal.aborted) break;
      await client.send(message);
    }
    interrupted = (await Promise.race([tracker.whenDone().then(() => 'done'), signals.received])) !== 'done';
  } finally {
    signals.dispose();
    if (interrupted)
      logger.warn('interrupted: draining in-flight messages', { unfinished: tracker.unfinished().length });
    await client.stop();
    tracker.dispose();
  }
  progress.finish(tracker);
  context.setBeforeLogLine(undefined);

  const unfinished = tracker.unfinished();
  for (const { line, message } of unfinished) {
    logger.warn('unsent', { correlationId: message.correlationId, to: message.to, line });
  }
  const summary: BatchSummary = {
    source: input.source,
    total: messages.length,
    accepted: tracker.accepted,
    failed: tracker.failed,
    unfinished: unfinished.length,
    durationMs: Date.now() - started,
    failedByReason: {},
    failures: [],
  };
  for (const { line, message } of messages) {
    const outcome = tracker.outcomes.get(message.correlationId);
    if (outcome?.status !== 'failed') continue;
    summary.failedByReason[outcome.reason] = (summary.failedByReason[outcome.reason] ?? 0) + 1;
    summary.failures.push({
      line,
      to: message.to,
      correlationId: message.correlationId,
      reason: outcome.reason,
    });
  }
  logger.info('batch summary', { ...summary, failures: summary.failures.length });
  io.stderr.write(formatBatchSummary(summary));
  if (interrupted) return ExitCode.Interrupted;
  return summary.failed > 0 ? ExitCode.PartialFailure : ExitCode.Ok;
}
