/**
 * Summarises a V8 .cpuprofile: self time per function and per category. Usage:
 * `node .out/bench/support/summarize-profile.js <dir-or-file>` (the newest .cpuprofile of a directory).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function newestProfile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(path, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  return files[0]!;
}

function category(url: string, name: string): string {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return 'idle';
  if (name === '(program)') return 'V8/native (program)';
  if (url.includes('/.out/lib/')) return 'nestjs-naz library';
  if (url.includes('/.out/bench/')) return 'bench driver';
  if (url.startsWith('node:')) return 'Node internals (net, streams, timers...)';
  // Native functions carry no URL: the socket write is the one worth its own line (the syscall, and on
  // loopback the kernel's delivery to the peer); the rest are V8 and Node built-ins (promises, Map, Buffer).
  if (name === 'writeBuffer' || name === 'writev') return 'socket write (native)';
  return name.startsWith('(') ? name : 'built-ins (native)';
}

const file = newestProfile(process.argv[2] ?? 'bench/results/profile');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const byFunction = new Map<string, number>();
const byCategory = new Map<string, number>();
let busy = 0;
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const cat = category(url, functionName);
  byCategory.set(cat, (byCategory.get(cat) ?? 0) + us);
  if (cat === 'idle') continue;
  busy += us;
  const where = url ? `${url.replace(/^.*\/\.out\//, '').replace(/^file:\/\//, '')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}

const pct = (us: number): string => `${((100 * us) / busy).toFixed(1)}%`;
console.log(`profile: ${file}`);
console.log('\nself time by category (share of busy time):');
console.table(
  [...byCategory]
    .filter(([c]) => c !== 'idle')
    .sort((a, b) => b[1] - a[1])
    .map(([c, us]) => ({ category: c, ms: Math.round(us / 1000), share: pct(us) })),
);
console.log('hottest functions (self time):');
console.table(
  [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([f, us]) => ({ function: f, ms: Math.round(us / 1000), share: pct(us) })),
);
