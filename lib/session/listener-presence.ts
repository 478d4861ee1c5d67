import type { EventEmitter } from 'node:events';

/**
 * Whether an emitter has listeners for each of a few events, kept as plain boolean fields (`has.pdu`), so a hot
 * path decides whether to build an event for the price of one property load.
 *
 * @remarks
 * Why not `emitter.listenerCount(event)`: inside Node's shared `events` code it is a keyed load on the emitter's
 * listener table with a different key from call to call, which V8 serves through its megamorphic stub cache
 * (~90 instructions a call). The send path asked five times a message whether anyone listened to `queued`,
 * `submitted` and `pdu`, and a session that forwarded every PDU to a client nobody listened to paid for the
 * event too (bench/README.md, "Events nobody listens to").
 *
 * The fields follow the emitter's `newListener` and `removeListener` events. `removeAllListeners()` without an
 * event removes those listeners too: an emitter that tracks presence calls {@link refresh} after it.
 */
export class ListenerPresence<E extends string> {
  /** One field per tracked event: true while it has at least one listener. */
  readonly has: { [K in E]: boolean };
  private readonly watchers = new Map<E, Array<(present: boolean) => void>>();
  private readonly added = (event: string | symbol): void => {
    if (this.tracks(event)) this.set(event, true);
  };
  private readonly removed = (event: string | symbol): void => {
    if (this.tracks(event)) this.set(event, this.emitter.listenerCount(event) > 0);
  };

  constructor(
    private readonly emitter: EventEmitter,
    private readonly events: readonly E[],
  ) {
    const has = {} as { [K in E]: boolean };
    for (const event of events) has[event] = emitter.listenerCount(event) > 0;
    this.has = has;
    emitter.on('newListener', this.added);
    emitter.on('removeListener', this.removed);
  }

  /** Calls `watcher` each time `event` gains its first listener (true) or loses its last one (false). */
  watch(event: E, watcher: (present: boolean) => void): void {
    const list = this.watchers.get(event);
    if (list) list.push(watcher);
    else this.watchers.set(event, [watcher]);
  }

  /** Re-installs the tracking listeners if `removeAllListeners()` took them, and reads every count again. */
  refresh(): void {
    const emitter = this.emitter;
    if (!emitter.listeners('newListener').includes(this.added)) emitter.on('newListener', this.added);
    if (!emitter.listeners('removeListener').includes(this.removed))
      emitter.on('removeListener', this.removed);
    for (const event of this.events) this.set(event, emitter.listenerCount(event) > 0);
  }

  private tracks(event: string | symbol): event is E {
    return typeof event === 'string' && Object.hasOwn(this.has, event);
  }

  private set(event: E, present: boolean): void {
    if (this.has[event] === present) return;
    this.has[event] = present;
    for (const watcher of this.watchers.get(event) ?? []) watcher(present);
  }
}
