import { randomFillSync } from 'node:crypto';
import { formatUuidBytes, formatUuidWords, LITTLE_ENDIAN } from './format-uuid.js';

/** UUIDs formatted per refill: one randomFillSync call and one formatting pass serve this many ids. */
const BATCH = 128;
const UUID_LENGTH = 36;

/** 32-bit words per UUID: 36 bytes, so every id starts on a word boundary of {@link words}. */
const UUID_WORDS = UUID_LENGTH / 4;

const random = Buffer.allocUnsafe(16 * BATCH);
/** The formatted ids, as bytes (`text`) and as words over the same memory (`words`, for {@link copyLastUuid}). */
const words = new Int32Array(UUID_WORDS * BATCH);
const text = Buffer.from(words.buffer);
let next = BATCH;
/** The id returned last: its bytes are the `next - 1`-th of `text` until the next call (which may refill). */
let last: string | undefined;

function refill(): void {
  randomFillSync(random);
  for (let i = 0; i < BATCH; i++) {
    const r = i * 16;
    // RFC 9562 §5.4: version 4 in the high nibble of octet 6, variant 0b10 in the top bits of octet 8.
    random[r + 6] = (random[r + 6]! & 0x0f) | 0x40;
    random[r + 8] = (random[r + 8]! & 0x3f) | 0x80;
    if (LITTLE_ENDIAN) formatUuidWords(random, r, words, i * UUID_WORDS);
    else formatUuidBytes(random, r, text, i * UUID_LENGTH);
  }
  next = 0;
}

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` makes, as one flat string.
 *
 * @remarks
 * Kept over the platform's after a same-machine measurement (issue 14), first on what differs:
 * `randomUUID()` returns a cons string, a tree of the pieces it concatenated, and a correlation id lives as
 * long as its message: in the queue, in flight, in the correlator until the final receipt. In
 * `PROFILE_RECEIPTS=1 node .out/bench/alloc-profile.js` the platform's id cost ~640 bytes per message
 * against ~110 here. One `randomFillSync` and one formatting pass into a byte buffer serve 128 ids, and each
 * id is a single `latin1` slice. The randomness is the same CSPRNG. Since the ids are formatted four
 * characters to a store (`formatUuidWords`), it is also cheaper: 1,212 instructions an id against 2,146 for
 * `randomUUID()` (callgrind, Node 20.20, the slope from 100,000 to 300,000 ids; 2,862 before).
 */
export function fastRandomUuid(): string {
  if (next === BATCH) refill();
  const start = next++ * UUID_LENGTH;
  return (last = text.toString('latin1', start, start + UUID_LENGTH));
}

/**
 * Copies `id` into `target` from word `at` on (36 bytes, Latin-1, as `Buffer.from(id, 'latin1')` holds it) if it
 * is the id {@link fastRandomUuid} returned last; returns whether it did.
 *
 * @remarks
 * For the message ledger, which keeps every correlation id as bytes: the send path records a message right
 * after `send()` made its id, and nine word copies cost a small fraction of reading 36 characters out of the
 * string (~40 instructions per character on V8, which checks the string's representation for each). Any
 * other id (the caller's own, or one made before another) returns false and is copied from the string.
 */
export function copyLastUuid(id: string, target: Int32Array, at: number): boolean {
  if (id !== last) return false;
  copyUuidWords(words, (next - 1) * UUID_WORDS, target, at);
  return true;
}

/**
 * Copies a UUID's nine words, `src[from]` to `src[from + 8]`, into `target` from word `at` on (the ledger's
 * column takes the words `copyLastUuid` put in its batch this way too).
 *
 * @remarks
 * Unrolled: as a loop, V8 checks target's map and both bounds and polls for interrupts on every word; written
 * out, it checks the map once. About half the instructions (bench/README.md, sixth pass). Small enough to be
 * inlined where it is called.
 */
export function copyUuidWords(src: Int32Array, from: number, target: Int32Array, at: number): void {
  target[at] = src[from]!;
  target[at + 1] = src[from + 1]!;
  target[at + 2] = src[from + 2]!;
  target[at + 3] = src[from + 3]!;
  target[at + 4] = src[from + 4]!;
  target[at + 5] = src[from + 5]!;
  target[at + 6] = src[from + 6]!;
  target[at + 7] = src[from + 7]!;
  target[at + 8] = src[from + 8]!;
}
