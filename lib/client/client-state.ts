import type { SessionState } from '../session/session-state.js';

/**
 * The state of a client: its best session's state, or `'standby'` when no session is bound because the
 * account's bind budget (shared by replicas) is used up and a session waits for a lease.
 */
export type ClientState = SessionState | 'standby';
