import { NotBoundError } from '../../client/errors/not-bound.error.js';
import { SmppClient } from '../../client/smpp-client.js';
import { BindError } from '../../session/errors/bind.error.js';
import type { OutboundQueue } from '../../queue/outbound-queue.interface.js';
import type { CommandContext } from '../commands/command-context.interface.js';
import { BindFailureError } from '../errors/bind-failure-error.js';
import { formatDuration } from '../output/format-duration.js';

/** Bind refusals no retry can fix (SMPP 3.4 Table 5-2). */
const PERMANENT_BIND_STATUSES: ReadonlySet<string> = new Set([
  'ESME_RINVPASWD',
  'ESME_RINVSYSID',
  'ESME_RINVSYSTYP',
]);

/**
 * Creates the client of the config with the CLI's logger and the given queue, and starts it.
 *
 * @remarks
 * The engine's supervisor reconnects on its own; `waitForBindMs` bounds how long a command waits for the
 * first bind before it gives up with exit code 5 (at once when the client gives up first: `reconnect.maxAttempts`) (`run` passes undefined: it waits as long as the supervisor
 * keeps trying). The last bind/connect error is kept to say why.
 */
export async function startClient(
  context: CommandContext,
  queue: OutboundQueue,
  waitForBindMs: number | undefined,
): Promise<SmppClient> {
  const { config, logger } = context;
  const client = new SmppClient(config.client, { logger, queue });
  let lastFailure: string | undefined;
  let refused!: (error: BindError) => void;
  const credentialsRefused = new Promise<never>((_, reject) => (refused = reject));
  credentialsRefused.catch(() => undefined);
  client.on('state', (change) => {
    if (change.error) lastFailure = change.error.message;
    else if (change.current === 'closed' && change.previous !== 'unbinding') lastFailure = change.reason;
    if (change.error instanceof BindError && PERMANENT_BIND_STATUSES.has(change.error.statusName))
      refused(change.error);
  });
  await client.start();
  if (waitForBindMs === undefined) return client;
  try {
    // Wrong credentials do not fix themselves: fail at the first refusal instead of retrying until the timeout.
    await Promise.race([client.waitUntilBound(waitForBindMs), credentialsRefused]);
  } catch (error) {
    await client.stop({ drainTimeoutMs: 0 }).catch(() => undefined);
    const { host, port, systemId } = config.resolved;
    // A NotBoundError without a timeout: every session gave up (reconnect.maxAttempts) before the deadline.
    const gaveUp = error instanceof NotBoundError && error.timeoutMs === undefined;
    const reason =
      error instanceof BindError || gaveUp
        ? error.message
        : `${lastFailure ?? (error instanceof Error ? error.message : String(error))} (gave up after ${formatDuration(waitForBindMs)})`;
    throw new BindFailureError(`could not bind to ${host}:${port} as "${systemId}": ${reason}`, {
      cause: error,
    });
  }
  return client;
}

/**
 * Resolves with the reason once every session's supervisor has given up reconnecting
 * (`reconnect.maxAttempts` failures in a row): the client will never bind again, so `run` must end.
 *
 * @remarks
 * The engine reports giving up only as a `warning` event whose message says "giving up"; matched here.
 */
export function whenClientGivesUp(client: SmppClient, sessions: number): Promise<string> {
  return new Promise((resolve) => {
    const gaveUp = new Set<string>();
    client.on('warning', (warning) => {
      if (!/giving up/i.test(warning.message)) return;
      gaveUp.add(/session (\d+)/.exec(warning.message)?.[1] ?? String(gaveUp.size));
      if (gaveUp.size >= sessions) resolve(warning.message);
    });
  });
}
