/** What `client.submit()` resolves with. */
export interface SubmitResult {
  /** The caller's correlation id (generated when the message had none). */
  correlationId: string;
  /** The SMSC's message id of each part, in part order (one for a short message). */
  messageIds: string[];
}
