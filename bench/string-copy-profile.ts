/**
 * For `valgrind --tool=callgrind`: the ways Node offers to copy a short string's bytes into a preallocated column,
 * as the in-memory message ledger copies destinations and message ids (bench/README.md, "Message ledger",
 * seventh look). Each call copies a fresh 12-digit string into the next of 30,000 cells of 24 bytes.
 *
 * Run: `npx tsc -p tsconfig.run.json`, then for each way the slope between two N, e.g.
 * `valgrind --tool=callgrind node --single-threaded .out/bench/string-copy-profile.js loop 100000` and the same
 * with 300000: (Ir₂ − Ir₁) / 200,000 instructions a call. Ways: none (no copy), loop (the ledger's column,
 * `FixedWidthStrings.set`), read (its character loop without the stores), latin1Write, utf8Write, write, number (`+s`).
 */
import { FixedWidthStrings } from '../lib/ledger/fixed-width-strings.js';

const way = process.argv[2] ?? 'loop';
const calls = Number(process.argv[3] ?? 100_000);
const CELLS = 30_000;
const WIDTH = 24;
const bytes = Buffer.alloc(CELLS * WIDTH);
const lengths = new Uint8Array(CELLS);
const numbers = new Float64Array(CELLS);
const column = new FixedWidthStrings(CELLS, WIDTH);
let sink = 0;

/** Node's undocumented per-encoding writers (`buf.write` calls them). */
type NativeWriters = Buffer & {
  latin1Write(s: string, offset: number, length: number): number;
  utf8Write(s: string, offset: number, length: number): number;
};
const native = bytes as NativeWriters;

const ways: Record<string, (cell: number, s: string) => void> = {
  none: (cell, s) => {
    lengths[cell] = s.length;
  },
  // The ledger's own column (lib/ledger/fixed-width-strings.ts), as the log calls it.
  loop: (cell, s) => column.set(cell, s),
  read: (cell, s) => {
    let sum = 0;
    for (let k = 0; k < s.length; k++) sum += s.charCodeAt(k);
    sink += sum;
    lengths[cell] = s.length;
  },
  latin1Write: (cell, s) => {
    native.latin1Write(s, cell * WIDTH, WIDTH);
    lengths[cell] = s.length;
  },
  utf8Write: (cell, s) => {
    // All ASCII exactly when the byte count equals the length.
    lengths[cell] = native.utf8Write(s, cell * WIDTH, WIDTH) === s.length ? s.length : 0xff;
  },
  write: (cell, s) => {
    lengths[cell] = bytes.write(s, cell * WIDTH, WIDTH, 'utf8') === s.length ? s.length : 0xff;
  },
  number: (cell, s) => {
    numbers[cell] = +s;
    lengths[cell] = s.length;
  },
};
const copy = ways[way];
if (!copy) throw new Error(`way ${way}: one of ${Object.keys(ways).join(', ')}`);
const first = 447_900_000_000;
for (let i = 0; i < calls; i++) copy(i % CELLS, String(first + i));
if (sink < 0) console.log(sink);
