/** Life of one SMPP session: `closed → connecting → binding → bound → unbinding → closed`. */
export type SessionState = 'closed' | 'connecting' | 'binding' | 'bound' | 'unbinding';

/** One transition of a session's state. */
export interface SessionStateChange {
  previous: SessionState;
  current: SessionState;
  /** Why, in words (`'bind accepted'`, `'enquire_link timeout'`, `'unbind from SMSC'`...). */
  reason: string;
  error?: Error;
}
