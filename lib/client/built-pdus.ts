import type { SubmitSmInput } from './build-submit-pdus.js';

/**
 * The submit_sm PDUs `send()` built for a queued message, so the send loop does not build them twice (the
 * in-memory queue hands back the very object `send()` queued).
 *
 * @remarks
 * Kept on the message object under a symbol of this client's own, not in a WeakMap: a WeakMap entry per
 * message is an ephemeron the garbage collector must process on every scavenge, which `npm run bench:profile`
 * showed as a measurable share of GC time at 100k messages per second. A symbol-keyed property is invisible
 * to JSON (durable queues serialise the message without it) and to `Object.keys`; each client has its own
 * symbol, so a message built with one client's defaults is never sent with another's.
 */
export class BuiltPdus {
  private readonly key: symbol = Symbol('nestjs-naz built submit_sm');

  /** The PDUs built for `message` by this client, if any. */
  get(message: object): SubmitSmInput[] | undefined {
    return (message as Record<symbol, SubmitSmInput[] | undefined>)[this.key];
  }

  /** Remembers the PDUs built for `message`. */
  set(message: object, pdus: SubmitSmInput[]): void {
    (message as Record<symbol, SubmitSmInput[]>)[this.key] = pdus;
  }
}
