/**
 * The child process of the SIGTERM scenario (emitted into .out/chaos by `buildChild`).
 *
 * Runs an SmppClient with an in-memory queue it owns, hands it CHAOS_COUNT messages at once (full load), and on
 * SIGTERM stops the client gracefully, drains what is back in the queue, and writes the outcome to CHAOS_OUT:
 * `{ confirmed, failed, requeued, unacknowledged, inFlightAtSignal }` (correlation ids; the number in flight
 * when the signal came). Logs go to stderr as JSON lines at debug
 * level, so the parent can search them for the password.
 */
import { writeFileSync } from 'node:fs';
import { SmppClient } from '../../../lib/client/smpp-client.js';
import { JsonLogger } from '../../../lib/logging/json-logger.js';
import { InMemoryOutboundQueue } from '../../../lib/queue/in-memory-outbound-queue.js';

const port = Number(process.env.CHAOS_PORT);
const count = Number(process.env.CHAOS_COUNT);
const out = String(process.env.CHAOS_OUT);
const windowSize = Number(process.env.CHAOS_WINDOW ?? 50);
const password = String(process.env.CHAOS_PASSWORD);

const queue = new InMemoryOutboundQueue({ capacity: count + 10 });
const client = new SmppClient(
  {
    host: '127.0.0.1',
    port,
    systemId: 'chaos',
    password,
    windowSize,
    drainTimeoutMs: Number(process.env.CHAOS_DRAIN_MS ?? 250),
    unbindTimeoutMs: 500,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    retry: { initialDelayMs: 10, maxDelayMs: 100, maxAttempts: 10 },
    defaults: { from: 'CHAOS', sourceAddrTon: 5, registeredDelivery: false },
  },
  { queue, logger: new JsonLogger({ level: 'debug' }) },
);
const confirmed: string[] = [];
const failed: Array<{ id: string; reason: string }> = [];
client.on('submitted', (e) => confirmed.push(e.correlationId));
client.on('failed', (e) => failed.push({ id: e.correlationId, reason: e.reason }));

process.once('SIGTERM', () => {
  // Handed to the SMSC, outcome not settled yet: what the signal caught in flight (the bound for duplicates).
  const s = client.stats();
  const inFlightAtSignal = s.submitted - s.accepted - s.failed - s.retried;
  void (async () => {
    await client.stop();
    // Handed out by the queue and neither acked nor nacked by the stopped client: must be none.
    const unacknowledged = queue.unacknowledged;
    const requeued: string[] = [];
    // Retried messages may sit in the queue with a delay: receive() waits for them.
    while (queue.depth > 0) {
      const deliveries = await queue.receive(1000, AbortSignal.timeout(5000));
      for (const d of deliveries) requeued.push(d.message.correlationId);
    }
    writeFileSync(out, JSON.stringify({ confirmed, failed, requeued, unacknowledged, inFlightAtSignal }));
    process.stdout.write('stopped\n');
    process.exit(0);
  })();
});

await client.start();
await client.waitUntilBound(5000);
for (let i = 0; i < count; i++) {
  const id = `chaos-${i}`;
  await client.send({ to: '447700900123', text: id, correlationId: id });
}
process.stdout.write('ready\n');
