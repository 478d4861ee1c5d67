import { describe, it, expect } from '@jest/globals';
import type { SubmitSmInput } from './build-submit-pdus.js';
import { BuiltPdus } from './built-pdus.js';

const pdus = (text: string): SubmitSmInput[] => [{ short_message: text } as unknown as SubmitSmInput];

describe('BuiltPdus', () => {
  it("gives back the PDUs a client built for a message, and never another client's", () => {
    const mine = new BuiltPdus();
    const theirs = new BuiltPdus();
    const message = { to: '447700900123', text: 'hi' };
    expect(mine.get(message)).toBeUndefined();
    const built = pdus('hi');
    mine.set(message, built);
    expect(mine.get(message)).toBe(built);
    expect(theirs.get(message)).toBeUndefined();
    // Built again by another client (another client's defaults): that client's PDUs win, the first sees none.
    const rebuilt = pdus('hi again');
    theirs.set(message, rebuilt);
    expect(theirs.get(message)).toBe(rebuilt);
    expect(mine.get(message)).toBeUndefined();
  });

  it('adds the same keys to a message whichever client built it (one hidden class for every client)', () => {
    const a = { to: '1', text: 'a' };
    const b = { to: '2', text: 'b' };
    new BuiltPdus().set(a, pdus('a'));
    new BuiltPdus().set(b, pdus('b'));
    expect(Object.getOwnPropertySymbols(a)).toEqual(Object.getOwnPropertySymbols(b));
    // Invisible to JSON and Object.keys, as durable queues serialise the message.
    expect(Object.keys(a)).toEqual(['to', 'text']);
    expect(JSON.stringify(a)).toBe('{"to":"1","text":"a"}');
  });
});
