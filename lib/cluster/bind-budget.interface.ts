/**
 * A lease on one of the account's binds, held while a session is bound.
 *
 * @remarks
 * `lost` aborts when the lease could not be renewed and another holder may have it: the session must unbind.
 */
export interface BindLease {
  /** Aborted when the lease was lost (expired before a renewal reached the store). */
  readonly lost: AbortSignal;
  /** Gives the bind back at once (other replicas waiting for one are woken). Idempotent. */
  release(): Promise<void>;
}

/**
 * The bind budget policy: at most N simultaneous binds for one SMPP account across every replica.
 *
 * @remarks
 * Before each bind, a session asks for a lease; while none is free the session stays in `standby` (connected to
 * nothing) and binds as soon as one frees. See `RedisBindBudget`.
 */
export interface BindBudget {
  /** The most binds the account allows across all replicas. */
  readonly maxBinds: number;
  /**
   * Resolves with a lease once `holder` may bind, or `undefined` when `signal` aborts first.
   * `onStandby` is called once if the caller has to wait.
   */
  acquire(holder: string, signal: AbortSignal, onStandby?: () => void): Promise<BindLease | undefined>;
  /** Closes the connections the budget opened. */
  close?(): Promise<void>;
}
