import { describe, expect, it } from '@jest/globals';
import { encodePdu } from '../../../protocol/index.js';
import { TrafficFeed } from './traffic-feed.js';

const enquireLink = (at: number) => ({
  direction: 'received' as const,
  connectionId: 1,
  systemId: 'esme',
  frame: encodePdu({ command: 'enquire_link', sequence_number: 7 }),
  at,
});

describe('TrafficFeed', () => {
  it('numbers events from 1 and keeps only the newest `capacity`', () => {
    const feed = new TrafficFeed(3, 1000, 0);
    for (let i = 0; i < 5; i++) feed.addPdu(enquireLink(i));
    expect(feed.lastId).toBe(5);
    expect(feed.size).toBe(3);
    expect(feed.since(0).events.map((e) => e.id)).toEqual([3, 4, 5]);
  });

  it('reports how many events a reader missed when the ring moved past it', () => {
    const feed = new TrafficFeed(3, 1000, 0);
    for (let i = 0; i < 10; i++) feed.addPdu(enquireLink(i));
    expect(feed.since(2)).toMatchObject({ missed: 5 });
    expect(feed.since(8)).toEqual({
      events: [expect.objectContaining({ id: 9 }), expect.objectContaining({ id: 10 })],
      missed: 0,
    });
    expect(feed.since(10)).toEqual({ events: [], missed: 0 });
  });

  it('pages forward: the oldest `limit` events after the id', () => {
    const feed = new TrafficFeed(10, 1000, 0);
    for (let i = 0; i < 6; i++) feed.addPdu(enquireLink(i));
    expect(feed.since(1, 2).events.map((e) => e.id)).toEqual([2, 3]);
  });

  it('turns at most ratePerSecond PDUs a second into events and counts the rest as skipped', () => {
    const feed = new TrafficFeed(100, 5, 0);
    for (let i = 0; i < 20; i++) feed.addPdu(enquireLink(0)); // a burst at one instant: the bucket holds 5
    expect(feed.lastId).toBe(5);
    expect(feed.skipped).toBe(15);
    feed.addPdu(enquireLink(1000)); // a second later the bucket is full again
    expect(feed.lastId).toBe(6);
  });

  it('tells subscribers about each new event', () => {
    const feed = new TrafficFeed(10, 1000, 0);
    const seen: string[] = [];
    const unsubscribe = feed.subscribe((e) => seen.push(`${e.id}:${e.kind}`));
    feed.addPdu(enquireLink(0));
    unsubscribe();
    feed.addPdu(enquireLink(0));
    expect(seen).toEqual(['1:keepalive']);
  });
});
