import type { MoMessage, MoTrafficOptions } from '../simulator-options.interface.js';

/** A running MO generator; returned by `startMoTraffic`. */
export interface MoTraffic {
  /** Messages handed to the simulator so far (including those no receiving session could take). */
  readonly sent: number;
  /** Stops the generator (idempotent). */
  stop(): void;
  /** Resolves once `count` messages were sent or `stop()` was called. */
  readonly done: Promise<void>;
}

/** Tick of the generator: small enough for smooth rates, large enough to batch writes at high rates. */
const TICK_MS = 10;

/**
 * Sends MO messages at a steady rate by calling `send` for each.
 *
 * @remarks
 * One timer drives the whole flow: each tick sends as many messages as the elapsed time allows, so rates above
 * 100/s go out in batches (one socket write per tick) and the average rate stays exact.
 *
 * @throws RangeError when `rate` is not a number > 0 or `count` is not a non-negative integer.
 */
export function startMoTraffic(options: MoTrafficOptions, send: (message: MoMessage) => void): MoTraffic {
  const { rate, count, text, ...rest } = options;
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new RangeError(`MO rate ${rate} must be a number of messages per second > 0.`);
  }
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
    throw new RangeError(`MO count ${count} must be a non-negative integer.`);
  }
  const started = Date.now();
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const stop = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    resolveDone();
  };
  const tick = (): void => {
    let due = Math.floor(((Date.now() - started) * rate) / 1000) + 1;
    if (count !== undefined) due = Math.min(due, count);
    while (sent < due) {
      const index = sent++;
      const body = typeof text === 'function' ? text(index) : (text ?? `MO message ${index}`);
      send({ ...rest, text: body });
    }
    if (count !== undefined && sent >= count) stop();
  };
  timer = setInterval(tick, Math.max(1, Math.min(TICK_MS, 1000 / rate)));
  tick();
  return {
    get sent() {
      return sent;
    },
    stop,
    done,
  };
}
