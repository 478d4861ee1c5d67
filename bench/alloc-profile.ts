/**
 * Where the client's garbage comes from: V8's sampling heap profiler over one run of the bare engine, with
 * objects already collected counted too, summed per function and divided by the messages sent. Bytes per
 * message do not depend on how busy the machine is, so unlike CPU time they compare two builds reliably on a
 * shared machine. Run: `npx tsc -p tsconfig.run.json && node .out/bench/alloc-profile.js`.
 *
 * Environment: PROFILE_MESSAGES (default 50000), PROFILE_WINDOW (default 100), PROFILE_RECEIPTS=1, TOP (30).
 */
import { Session } from 'node:inspector/promises';
import { nazEngineDriver } from './drivers/naz-engine.driver.js';
import { SimulatorProcess } from './support/simulator-process.js';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const messages = Number(process.env.PROFILE_MESSAGES ?? 50_000);
const window = Number(process.env.PROFILE_WINDOW ?? 100);
const receipts = process.env.PROFILE_RECEIPTS === '1';
const top = Number(process.env.TOP ?? 30);

const sim = await SimulatorProcess.start();
await sim.setReceipts(receipts);
const session = new Session();
session.connect();
let profile: { head: SamplingNode };
try {
  await nazEngineDriver({ port: sim.port, window, messages: 20_000, receipts });
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await nazEngineDriver({ port: sim.port, window, messages, receipts });
  ({ profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: SamplingNode };
  });
} finally {
  session.disconnect();
  await sim.stop();
}

const byFunction = new Map<string, number>();
let total = 0;
const walk = (node: SamplingNode): void => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^.*\/\.out\//, '').replace(/^file:\/\//, '');
  const key = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  total += node.selfSize;
  if (node.selfSize > 0) byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
  node.children.forEach(walk);
};
walk(profile.head);
console.log(
  `${messages.toLocaleString('en')} submit_sm at window ${window}${receipts ? ' with receipts' : ''}: ` +
    `~${Math.round(total / messages)} bytes allocated per message (sampled)`,
);
console.table(
  [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([f, bytes]) => ({ function: f, 'bytes/msg': Math.round(bytes / messages) })),
);
