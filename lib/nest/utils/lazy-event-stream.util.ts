import { Observable, Subject } from 'rxjs';

/**
 * Attaches listeners to an event source and returns how to remove them, or `undefined` when the source does
 * not exist yet (a router's engine before `onModuleInit`).
 */
export type AttachListeners<T> = (next: (event: T) => void) => Array<() => void> | undefined;

/**
 * @internal A hot `events$` stream whose listeners are on the source only while someone subscribes.
 *
 * @remarks
 * Why lazy: the engine emits `queued`, `submitted` and `pdu` once per message or PDU, and builds the payload
 * only when someone listens. A forwarder listening all the time made every message pay for payloads most
 * apps never read, and for the emitter's copy of its listener array once a second listener joined (~1k
 * instructions a message on the Nest path, bench/README.md, "Events nobody listens to"). Subscribers see
 * events from the moment they subscribe, as with a plain `Subject`; after {@link close} they complete at once.
 */
export class LazyEventStream<T> {
  private readonly subject = new Subject<T>();
  private detachers: Array<() => void> | undefined;
  private subscribers = 0;
  private closed = false;

  /** The stream: shared by every subscriber, listening to the source while one is subscribed. */
  readonly events$: Observable<T>;

  constructor(private readonly attach: AttachListeners<T>) {
    this.events$ = new Observable<T>((subscriber) => {
      if (this.closed) {
        subscriber.complete();
        return undefined;
      }
      const inner = this.subject.subscribe(subscriber);
      this.subscribers++;
      this.connect();
      return () => {
        inner.unsubscribe();
        if (--this.subscribers === 0) this.detach();
      };
    });
  }

  /** Attaches the listeners if someone subscribed and they are not attached (call it once the source exists). */
  connect(): void {
    if (this.closed || this.subscribers === 0 || this.detachers !== undefined) return;
    this.detachers = this.attach((event) => this.subject.next(event));
  }

  /** Removes the listeners and completes every subscriber; later subscribers complete at once. */
  close(): void {
    this.closed = true;
    this.detach();
    this.subject.complete();
  }

  private detach(): void {
    const detachers = this.detachers;
    this.detachers = undefined;
    detachers?.forEach((off) => off());
  }
}
