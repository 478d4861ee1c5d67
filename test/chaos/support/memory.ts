import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** V8's gc(), reachable without starting Node with --expose-gc (the flag is set at run time). */
const collect = runInNewContext('gc') as () => void;

/** Heap and RSS in MB after a full garbage collection. */
export function settledMemory(): { heapMb: number; rssMb: number; arrayBuffersMb: number } {
  collect();
  collect();
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return { heapMb: mb(m.heapUsed), rssMb: mb(m.rss), arrayBuffersMb: mb(m.arrayBuffers) };
}
