import { EventEmitter } from 'node:events';
import { describe, it, expect } from '@jest/globals';
import { ListenerPresence } from './listener-presence.js';

describe('ListenerPresence', () => {
  it('follows listeners added and removed, once listeners included, event by event', () => {
    const emitter = new EventEmitter();
    const noop = (): void => undefined;
    emitter.on('b', noop);
    const presence = new ListenerPresence(emitter, ['a', 'b']);
    expect(presence.has).toEqual({ a: false, b: true });
    emitter.on('a', noop);
    emitter.on('a', noop);
    expect(presence.has.a).toBe(true);
    emitter.off('a', noop);
    expect(presence.has.a).toBe(true);
    emitter.off('a', noop);
    expect(presence.has.a).toBe(false);
    emitter.once('a', noop);
    expect(presence.has.a).toBe(true);
    emitter.emit('a');
    expect(presence.has.a).toBe(false);
    emitter.removeAllListeners('b');
    expect(presence.has.b).toBe(false);
    // Events it does not track are not fields.
    emitter.on('c', noop);
    expect(Object.keys(presence.has)).toEqual(['a', 'b']);
  });

  it('tells watchers when an event gains its first listener and loses its last', () => {
    const emitter = new EventEmitter();
    const presence = new ListenerPresence(emitter, ['pdu']);
    const seen: boolean[] = [];
    presence.watch('pdu', (present) => seen.push(present));
    const one = (): void => undefined;
    const two = (): void => undefined;
    emitter.on('pdu', one);
    emitter.on('pdu', two);
    emitter.off('pdu', one);
    emitter.off('pdu', two);
    expect(seen).toEqual([true, false]);
  });

  it('tracks again after removeAllListeners() took its own listeners, once refreshed', () => {
    const emitter = new EventEmitter();
    const presence = new ListenerPresence(emitter, ['a']);
    emitter.on('a', () => undefined);
    emitter.removeAllListeners();
    expect(emitter.listenerCount('newListener')).toBe(0);
    presence.refresh();
    expect(presence.has.a).toBe(false);
    emitter.on('a', () => undefined);
    expect(presence.has.a).toBe(true);
    presence.refresh();
    expect(emitter.listenerCount('newListener')).toBe(1);
    expect(emitter.listenerCount('removeListener')).toBe(1);
  });
});
