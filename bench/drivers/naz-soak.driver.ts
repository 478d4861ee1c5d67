import type { SoakResult } from '../support/scenario-result.js';
import { round } from '../support/stats.js';
import { Completion } from './completion.js';
import { benchClient, produce } from './naz-engine.driver.js';

const MB = 1_048_576;

/**
 * Heap used and RSS after two full collections, when the process runs with `--expose-gc` (the bench script
 * does). Two, because the pages one collection frees are swept concurrently and given back to the OS only by
 * the next: after a single `gc()` the RSS still holds up to ~30 MB of freed pages, by chance of timing (a
 * 6M-message run read 116-144 MB at successive marks with no trend; with two collections, 110-118 MB).
 */
function settledMemory(): { heapMb: number; rssMb: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heapMb: round(m.heapUsed / MB, 1), rssMb: round(m.rss / MB, 1) };
}

/**
 * Streams `messages` submit_sm through the bare engine at the highest rate it sustains, sampling RSS and
 * heap every second, and notes both after 200k messages and at the end: a leak shows as growth between them.
 */
export async function nazSoakDriver(port: number, window: number, messages: number): Promise<SoakResult> {
  const client = benchClient({ port, window, messages, receipts: false }, {});
  const completion = new Completion(messages);
  client.on('submitted', () => completion.tick());
  client.on('failed', (e) => {
    throw new Error(`soak message failed: ${e.reason}`);
  });
  await client.start();
  await client.waitUntilBound(10_000);
  const samples: SoakResult['samples'] = [];
  const startedAt = performance.now();
  const sample = (): void => {
    const m = process.memoryUsage();
    samples.push({
      t: round((performance.now() - startedAt) / 1000, 1),
      sent: completion.done,
      rssMb: round(m.rss / MB, 1),
      heapMb: round(m.heapUsed / MB, 1),
    });
  };
  const timer = setInterval(sample, 1000);
  const mark = Math.min(200_000, messages);
  let rssAt200kMb = 0;
  let heapAt200kMb = 0;
  void completion.atLeast(mark).then(() => {
    ({ heapMb: heapAt200kMb, rssMb: rssAt200kMb } = settledMemory());
  });
  try {
    await produce(messages, completion, (text) => client.send({ to: '447700900123', text }));
    await completion.all;
    const elapsed = (performance.now() - startedAt) / 1000;
    sample();
    clearInterval(timer);
    const atEnd = settledMemory();
    return {
      name: 'soak',
      client: 'nestjs-naz',
      window,
      n: messages,
      msgsPerSec: round(messages / elapsed, 0),
      samples,
      rssAt200kMb,
      rssAtEndMb: atEnd.rssMb,
      heapAt200kMb,
      heapAtEndMb: atEnd.heapMb,
    };
  } finally {
    clearInterval(timer);
    await client.stop({ drainTimeoutMs: 1000 });
  }
}
