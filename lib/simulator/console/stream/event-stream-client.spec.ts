import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { EventStreamClient, type EventStreamEnd } from './event-stream-client.js';

/** A real stream nobody reads: what a stalled browser tab looks like from the server. */
function stalledSink(): PassThrough {
  return new PassThrough({ highWaterMark: 1024 });
}

describe('EventStreamClient back-pressure', () => {
  it('writes events in the text/event-stream format', () => {
    const sink = stalledSink();
    const client = new EventStreamClient(sink, 1 << 20, () => undefined);
    client.send('feed', '[{"id":7}]', 7);
    client.comment('still here');
    expect(sink.read()?.toString()).toBe('id: 7\nevent: feed\ndata: [{"id":7}]\n\n: still here\n\n');
  });

  it('disconnects a client that leaves more than the limit unread, instead of buffering for it', () => {
    const sink = stalledSink();
    const ends: EventStreamEnd[] = [];
    const client = new EventStreamClient(sink, 10_000, (_c, why) => ends.push(why));
    const event = 'x'.repeat(900);
    let sent = 0;
    while (client.send('feed', event)) sent++;
    expect(sent).toBeGreaterThan(5); // it kept writing while under the limit, past the stream's own highWaterMark
    expect(sink.writableLength).toBeLessThanOrEqual(10_000);
    expect(sink.destroyed).toBe(true);
    expect(ends).toEqual(['too-slow']);
    expect(client.isEnded).toBe(true);
    expect(client.send('feed', 'more')).toBe(false);
    expect(ends).toEqual(['too-slow']); // reported once
  });

  it('reports a client that went away once, as closed', () => {
    const sink = stalledSink();
    const ends: EventStreamEnd[] = [];
    const client = new EventStreamClient(sink, 10_000, (_c, why) => ends.push(why));
    client.end('closed');
    client.close();
    expect(ends).toEqual(['closed']);
    expect(client.send('state', '{}')).toBe(false);
  });
});
