/** Whether a policy's or handler's result is a promise (or any thenable) to wait on or to watch for failure. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null | undefined)?.then === 'function';
}
