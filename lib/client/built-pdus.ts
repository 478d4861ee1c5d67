import type { SubmitSmInput } from './build-submit-pdus.js';

/** The PDUs built for a message, on the message itself (see {@link BuiltPdus}). */
const PDUS: unique symbol = Symbol('nestjs-naz built submit_sm');
/** Which client's {@link BuiltPdus} built them: a message built with one client's defaults is not another's. */
const BUILDER: unique symbol = Symbol('nestjs-naz submit_sm builder');

interface CarriesBuiltPdus {
  [PDUS]?: SubmitSmInput[];
  [BUILDER]?: BuiltPdus;
}

/**
 * The submit_sm PDUs `send()` built for a queued message, so the send loop does not build them twice (the
 * in-memory queue hands back the very object `send()` queued).
 *
 * @remarks
 * Kept on the message object under two symbols, not in a WeakMap: a WeakMap entry per message is an ephemeron
 * the garbage collector must process on every scavenge, which `npm run bench:profile` showed as a measurable
 * share of GC time at 100k messages per second. A symbol-keyed property is invisible to JSON (durable queues
 * serialise the message without it) and to `Object.keys`.
 *
 * The symbols are the same for every client, and the builder is a value beside the PDUs: with a symbol per
 * client (as before) a message took a hidden class per client, so once a process had made a second client the
 * functions that read messages saw several shapes and were deoptimised ("wrong map"): 70 deoptimisations
 * against 55 now over five clients made in a row (`node --trace-deopt`, bench/README.md). The CPU per message
 * of a later client did not measurably change with it; what makes it dearer is still to be found.
 */
export class BuiltPdus {
  /** The PDUs built for `message` by this client, if any. */
  get(message: object): SubmitSmInput[] | undefined {
    const carrier = message as CarriesBuiltPdus;
    return carrier[BUILDER] === this ? carrier[PDUS] : undefined;
  }

  /** Remembers the PDUs built for `message`. */
  set(message: object, pdus: SubmitSmInput[]): void {
    const carrier = message as CarriesBuiltPdus;
    carrier[PDUS] = pdus;
    carrier[BUILDER] = this;
  }
}
