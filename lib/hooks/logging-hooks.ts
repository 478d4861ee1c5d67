import type { NazLogger } from '../logging/naz-logger.interface.js';
import type { HookContext, ResponseHookContext, SmppHooks } from './smpp-hooks.interface.js';

/**
 * Hooks that log every request and response at debug level (naz's `SimpleHook`), handy while integrating.
 *
 * @remarks
 * Logs the command, sequence number, correlation id and status, never the message body or a password.
 */
export class LoggingHooks implements SmppHooks {
  constructor(private readonly logger: NazLogger) {}

  beforeRequest(context: HookContext): void {
    this.logger.debug('request', {
      client: context.client,
      command: context.request.command,
      sequence_number: context.request.sequence_number,
      correlationId: context.correlationId,
    });
  }

  afterResponse(context: ResponseHookContext): void {
    this.logger.debug('response', {
      client: context.client,
      command: context.response.command,
      sequence_number: context.response.sequence_number,
      command_status: context.response.command_status,
      correlationId: context.correlationId,
      elapsedMs: Math.round(context.elapsedMs * 1000) / 1000,
    });
  }
}
