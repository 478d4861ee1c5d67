/**
 * Codec benchmark: encode and decode rates (PDUs/s) of our codec next to node-smpp's PDU class, in the same
 * process and run, alternating the two and taking the median of several rounds.
 *
 * Run: `npm run bench:codec` (compiles to .out/ first). Writes bench/results/codec.json.
 *
 * @remarks
 * Both libraries get the same PDUs, each built once outside the timed loop: ours a PDU object, node-smpp's the
 * options object its `PDU` constructor takes (its encode is `new PDU(command, options).toBuffer()`: the
 * constructor fills in defaults and `toBuffer` rewrites fields in place, so a PDU instance is not reusable).
 * short_message is binary (data_coding 0x04) so node-smpp's decode does
 * not also convert text: the comparison is codec against codec. Each side's decode returns its own
 * representation (ours: typed object with Buffer short_message; node-smpp: PDU instance).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePdu, encodePdu, type Pdu } from '../lib/protocol/index.js';

interface NodeSmppPdu {
  toBuffer(): Buffer;
}
interface NodeSmpp {
  PDU: {
    new (command: string, options: Record<string, unknown>): NodeSmppPdu;
    fromBuffer(b: Buffer): unknown;
  };
}
const smpp = createRequire(import.meta.url)('smpp') as NodeSmpp;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 150);

const text160 = Buffer.from(
  'Your verification code is 482913. It expires in 10 minutes. '.repeat(3).slice(0, 160),
);
const receiptText = Buffer.from(
  'id:7f3a9c21 sub:001 dlvrd:001 submit date:2501011200 done date:2501011201 stat:DELIVRD err:000 text:Your code',
);

interface Case {
  pdu: string;
  ours: Pdu;
  nodeSmppCommand: string;
  /** Built once, outside the timed loop, as ours is: each encode times only `new PDU(...).toBuffer()`. */
  nodeSmppOptions: Record<string, unknown>;
}

const cases: Case[] = [
  {
    pdu: 'submit_sm',
    ours: {
      command: 'submit_sm',
      command_status: 0,
      sequence_number: 12345,
      service_type: '',
      source_addr_ton: 5,
      source_addr_npi: 0,
      source_addr: 'ACME',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '447700900123',
      esm_class: 0,
      protocol_id: 0,
      priority_flag: 0,
      schedule_delivery_time: '',
      validity_period: '',
      registered_delivery: 1,
      replace_if_present_flag: 0,
      data_coding: 4,
      sm_default_msg_id: 0,
      short_message: text160,
    },
    nodeSmppCommand: 'submit_sm',
    nodeSmppOptions: {
      sequence_number: 12345,
      source_addr_ton: 5,
      source_addr_npi: 0,
      source_addr: 'ACME',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      destination_addr: '447700900123',
      registered_delivery: 1,
      data_coding: 4,
      short_message: text160,
    },
  },
  {
    pdu: 'submit_sm_resp',
    ours: {
      command: 'submit_sm_resp',
      command_status: 0,
      sequence_number: 12345,
      message_id: '7f3a9c21-0001',
    },
    nodeSmppCommand: 'submit_sm_resp',
    nodeSmppOptions: { sequence_number: 12345, message_id: '7f3a9c21-0001' },
  },
  {
    pdu: 'deliver_sm',
    ours: {
      command: 'deliver_sm',
      command_status: 0,
      sequence_number: 777,
      service_type: '',
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '447700900123',
      dest_addr_ton: 5,
      dest_addr_npi: 0,
      destination_addr: 'ACME',
      esm_class: 0x04,
      protocol_id: 0,
      priority_flag: 0,
      schedule_delivery_time: '',
      validity_period: '',
      registered_delivery: 0,
      replace_if_present_flag: 0,
      data_coding: 4,
      sm_default_msg_id: 0,
      short_message: receiptText,
      tlvs: {
        receipted_message_id: '7f3a9c21',
        message_state: 2,
        network_error_code: Buffer.from([3, 0, 0]),
      },
    },
    nodeSmppCommand: 'deliver_sm',
    nodeSmppOptions: {
      sequence_number: 777,
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '447700900123',
      dest_addr_ton: 5,
      dest_addr_npi: 0,
      destination_addr: 'ACME',
      esm_class: 0x04,
      data_coding: 4,
      short_message: receiptText,
      receipted_message_id: '7f3a9c21',
      message_state: 2,
      network_error_code: Buffer.from([3, 0, 0]),
    },
  },
];

let sink = 0;

/** Runs `fn` for about ROUND_MS and returns calls per second. */
function rate(fn: () => unknown): number {
  let calls = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ROUND_MS) * 1_000_000n;
  let elapsed: bigint;
  do {
    for (let i = 0; i < 1000; i++) {
      const r = fn();
      if (r === undefined) sink++;
    }
    calls += 1000;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  return (calls * 1e9) / Number(elapsed);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Result {
  pdu: string;
  op: 'encode' | 'decode';
  oursPerSec: number;
  nodeSmppPerSec: number;
  ratio: number;
}

/**
 * Alternates ours and node-smpp in short rounds, so both see the same machine load, and reports the
 * median rate of each plus the median of the per-round ratios (robust to load drifting during the run).
 */
function compare(pdu: string, op: 'encode' | 'decode', ours: () => unknown, theirs: () => unknown): Result {
  rate(ours); // warm-up: let both reach optimized code
  rate(theirs);
  const o: number[] = [];
  const t: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let a: number;
    let b: number;
    if (r % 2 === 0) {
      a = rate(ours);
      b = rate(theirs);
    } else {
      b = rate(theirs);
      a = rate(ours);
    }
    o.push(a);
    t.push(b);
    ratios.push(a / b);
  }
  return {
    pdu,
    op,
    oursPerSec: Math.round(median(o)),
    nodeSmppPerSec: Math.round(median(t)),
    ratio: Math.round(median(ratios) * 100) / 100,
  };
}

const results: Result[] = [];
for (const c of cases) {
  const ourBytes = encodePdu(c.ours);
  const theirBytes = new smpp.PDU(c.nodeSmppCommand, c.nodeSmppOptions).toBuffer();
  if (!ourBytes.equals(theirBytes)) {
    console.warn(
      `note: ${c.pdu} encodings differ (ours ${ourBytes.length} octets, node-smpp ${theirBytes.length})`,
    );
  }
  results.push(
    compare(
      c.pdu,
      'encode',
      () => encodePdu(c.ours),
      () => new smpp.PDU(c.nodeSmppCommand, c.nodeSmppOptions).toBuffer(),
    ),
  );
  results.push(
    compare(
      c.pdu,
      'decode',
      () => decodePdu(ourBytes),
      () => smpp.PDU.fromBuffer(theirBytes),
    ),
  );
}

const fmt = (n: number): string => n.toLocaleString('en-US').padStart(12);
console.log(
  `codec benchmark — node ${process.version}, ${ROUNDS} alternating rounds of ${ROUND_MS} ms; medians (ratio: median of per-round ratios)`,
);
console.log(
  `${'pdu'.padEnd(16)}${'op'.padEnd(8)}${'ours/s'.padStart(12)}${'node-smpp/s'.padStart(12)}   ratio`,
);
for (const r of results) {
  const mark = r.ratio >= 5 ? '' : '  (below 5x target)';
  console.log(
    `${r.pdu.padEnd(16)}${r.op.padEnd(8)}${fmt(r.oursPerSec)}${fmt(r.nodeSmppPerSec)}   ${r.ratio}x${mark}`,
  );
}

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'results', 'codec.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ node: process.version, date: new Date().toISOString(), cases: results }, null, 2)}\n`,
);
console.log(`written ${out}${sink < 0 ? '' : ''}`);
