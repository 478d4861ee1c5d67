/**
 * Any thrown value as an `Error`: JavaScript lets code throw (or reject with) anything, and loggers, events and
 * `cause` chains want an `Error`. Kept free of imports so that every layer, the protocol included, may use it.
 */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
