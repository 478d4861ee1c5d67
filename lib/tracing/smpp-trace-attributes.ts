/**
 * Span attribute names: the OpenTelemetry messaging semantic conventions where they fit, `smpp.*` for the rest.
 * Never the password; the message text only with `captureText`.
 */
export const SMPP_TRACE_ATTRIBUTES = {
  messagingSystem: 'messaging.system',
  messagingOperation: 'messaging.operation',
  messagingOperationType: 'messaging.operation.type',
  messagingMessageId: 'messaging.message.id',
  messagingConversationId: 'messaging.message.conversation_id',
  messagingDestination: 'messaging.destination.name',
  command: 'smpp.command',
  commandStatus: 'smpp.command_status',
  messageId: 'smpp.message_id',
  messageIds: 'smpp.message_ids',
  partIndex: 'smpp.part.index',
  partCount: 'smpp.part.count',
  systemId: 'smpp.system_id',
  client: 'smpp.client',
  attempt: 'smpp.attempt',
  attempts: 'smpp.attempts',
  submits: 'smpp.submit_sm.count',
  outcome: 'smpp.outcome',
  reason: 'smpp.reason',
  receiptState: 'smpp.receipt.state',
  receiptErrorCode: 'smpp.receipt.error_code',
  receiptHeldMs: 'smpp.receipt.held_ms',
  text: 'smpp.message.text',
} as const;
