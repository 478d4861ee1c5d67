import { CommandStatus } from '../protocol/command-status.js';

/**
 * The answers that mean "slow down", not "this message is bad": ESME_RTHROTTLED and ESME_RMSGQFUL (SMPP 3.4
 * Table 5-2). The client pauses the session on them instead of failing the message, the sampling throttle handler
 * counts them, and a shared rate limiter hears about them.
 */
export const THROTTLE_STATUSES: ReadonlySet<number> = new Set([
  CommandStatus.ESME_RTHROTTLED,
  CommandStatus.ESME_RMSGQFUL,
]);
