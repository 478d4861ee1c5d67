/**
 * The message ledger's own cost, without the engine around it: one process makes N messages the way `send()`
 * does (a fresh correlation id, a copy of the message, its submit_sm, a message id as a response would carry
 * it) and, unless the mode is `none`, records each through the client's recorder into the in-memory ledger
 * (`queued`, `submit`, `submitted`). For `valgrind --tool=callgrind`: instructions per message are the
 * difference between two values of N divided by the difference in N (the 300,000-message warm-up cancels),
 * and `ledger` minus `none` is what recording costs. Deterministic, unlike the engine path's slope, which
 * carries one-off compilations and collections (bench/README.md, "Message ledger", fifth pass).
 *
 * YOUNG=1 makes every destination a new string (as an app's JSON request would); by default they are a
 * thousand strings made once.
 *
 * Run: `npx tsc -p tsconfig.run.json && valgrind --tool=callgrind node --single-threaded
 * .out/bench/ledger-recorder-profile.js <none|ledger> <N>`
 */
import type { SubmitSmInput } from '../lib/client/build-submit-pdus.js';
import { ClientLedgerRecorder } from '../lib/client/record-client-in-ledger.js';
import { fastRandomUuid } from '../lib/correlation/fast-random-uuid.js';
import { InMemoryMessageLedger } from '../lib/ledger/index.js';
import type { QueuedMessage } from '../lib/queue/outbound-queue.interface.js';

const mode = process.argv[2] ?? 'ledger';
const messages = Number(process.argv[3] ?? 1_000_000);
const young = process.env.YOUNG === '1';
if (mode !== 'none' && mode !== 'ledger') throw new Error(`mode ${mode}: none or ledger`);

const recorder = new ClientLedgerRecorder(new InMemoryMessageLedger(), 'bench');
const destinations = Array.from({ length: 1000 }, (_, i) => String(447_700_900_000 + i));
let sink = 0;

function run(count: number): void {
  for (let i = 0; i < count; i++) {
    const to = young ? String(447_700_900_000 + (i % 100_000)) : destinations[i % 1000]!;
    const message = Object.assign({}, { to, text: 'Your code is 1' }) as QueuedMessage;
    message.correlationId = fastRandomUuid();
    const pdu = {
      command: 'submit_sm',
      source_addr_ton: 5,
      source_addr: 'BENCH',
      destination_addr: to,
      esm_class: 0,
      registered_delivery: 0,
      short_message: message.text,
    } as SubmitSmInput;
    const messageId = String(100_000 + (i % 900_000));
    if (mode === 'none') {
      sink += pdu.esm_class! + messageId.length;
      continue;
    }
    recorder.queued(message);
    recorder.submit(pdu, message);
    recorder.submitted(message, [messageId], 1);
  }
}

run(300_000);
const started = process.hrtime.bigint();
run(messages);
const ns = Number(process.hrtime.bigint() - started) / messages;
console.log(`${mode}: ${messages} messages, ${ns.toFixed(1)} ns a message (${sink >= 0 ? 'done' : ''})`);
// The recorder's clock left an immediate; nothing else keeps the process.
