import type { QueuedMessage } from '../../queue/outbound-queue.interface.js';

/** A message read from an input, with the line it came from (for progress, errors and the summary). */
export interface NumberedMessage {
  /** 1-based line in the input. */
  line: number;
  message: QueuedMessage;
}
