/**
 * `npm run bench`: our client side by side with node-smpp (the `smpp` npm package) against the SMSC
 * simulator, which runs in a child process. Every run gets a fresh child process of its own (after a short
 * unmeasured warm-up in that process), so its CPU time, peak RSS and JIT state belong to that run of that
 * client alone.
 *
 * Runs alternate (ours, theirs, ours, theirs...) so both see the same machine conditions; each scenario
 * reports every run and the median. Writes bench/results/latest.json and SVG charts.
 *
 * Environment: BENCH_RUNS (default 5: on a shared machine one client's run moves by ±10% from the next, and
 * the median of five holds still better than the median of three), BENCH_SCALE (multiplies every N; 0.1 for a quick look),
 * BENCH_ONLY (comma-separated: throughput, receipts, nest-path, queues, postgres, soak, simulator), BENCH_WINDOWS
 * (e.g. "10,100"), BENCH_RECEIPT_WINDOWS (default "100,1000").
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { ClientName, Driver } from './drivers/driver.interface.js';
import { reachableQueueDrivers } from './drivers/queue-drivers.js';
import { soakChart, throughputChart } from './support/chart.js';
import { RESULT_FIELDS, type RunResult } from './support/run-result.js';
import type { ScenarioResult, SoakResult } from './support/scenario-result.js';
import { isolated, isolatedSoak } from './support/isolated-driver.js';
import { SimulatorProcess } from './support/simulator-process.js';
import { runSimulatorBench, type SimulatorBenchSummary } from './simulator.bench.js';
import { postgresTargets, runPostgresScenarios } from './postgres.bench.js';
import { median, round } from './support/stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ONLY = process.env.BENCH_ONLY?.split(',');
const WINDOWS = (process.env.BENCH_WINDOWS ?? '1,10,100,1000').split(',').map(Number);
/**
 * node-smpp with receipts at windows 1 and 10 runs at a few hundred messages per second (it answers each
 * deliver_sm with its own small write, and the round trips add up), so 200k messages there would take many
 * minutes: by default the receipt scenario runs the windows where both clients can finish.
 */
const RECEIPT_WINDOWS = (process.env.BENCH_RECEIPT_WINDOWS ?? '100,1000').split(',').map(Number);
const RESULTS_DIR = new URL('../../bench/results/', import.meta.url);

const wanted = (name: string): boolean => !ONLY || ONLY.includes(name);
const scaled = (n: number): number => Math.max(1000, Math.round(n * SCALE));

function medianOf(runs: RunResult[]): RunResult {
  const out = {} as RunResult;
  for (const field of RESULT_FIELDS) out[field] = round(median(runs.map((r) => r[field])), 3);
  return out;
}

interface Contender {
  client: ClientName;
  variant?: string;
  driver: Driver;
}

/** Runs the contenders alternately, `RUNS` times each, and returns one result per contender. */
async function compare(
  sim: SimulatorProcess,
  name: string,
  window: number,
  n: number,
  receipts: boolean,
  contenders: Contender[],
): Promise<ScenarioResult[]> {
  const runs = contenders.map(() => [] as RunResult[]);
  for (let r = 0; r < RUNS; r++) {
    for (let c = 0; c < contenders.length; c++) {
      const result = await contenders[c]!.driver({ port: sim.port, window, messages: n, receipts });
      runs[c]!.push(result);
      const label = contenders[c]!.variant ?? contenders[c]!.client;
      process.stderr.write(
        `  ${name} w=${window} ${label} run ${r + 1}: ${result.msgsPerSec.toLocaleString('en')} msg/s, ` +
          `${result.cpuUsPerMsg} µs CPU/msg, p99 ${result.p99Ms} ms\n`,
      );
    }
  }
  return contenders.map((c, i) => ({
    name,
    client: c.client,
    ...(c.variant ? { variant: c.variant } : {}),
    window,
    n,
    runs: runs[i]!,
    median: medianOf(runs[i]!),
  }));
}

function printTable(results: ScenarioResult[]): void {
  const rows = results.map((r) => ({
    scenario: r.name,
    client: r.variant ? `${r.client} (${r.variant})` : r.client,
    window: r.window,
    n: r.n,
    'msg/s': r.median.msgsPerSec,
    'CPU µs/msg': r.median.cpuUsPerMsg,
    'peak RSS MB': r.median.peakRssMb,
    'p50 ms': r.median.p50Ms,
    'p99 ms': r.median.p99Ms,
  }));
  console.table(rows);
}

interface TargetCheck {
  target: string;
  value: string;
  met: boolean;
}

function checkTargets(results: ScenarioResult[], soak?: SoakResult): TargetCheck[] {
  const find = (name: string, client: ClientName, window: number, variant?: string) =>
    results.find(
      (r) => r.name === name && r.client === client && r.window === window && r.variant === variant,
    );
  const checks: TargetCheck[] = [];
  const ours = find('throughput', 'nestjs-naz', 100);
  const theirs = find('throughput', 'node-smpp', 100);
  if (ours && theirs) {
    const t = ours.median.msgsPerSec / theirs.median.msgsPerSec;
    checks.push({ target: 'throughput at window 100 ≥ 5× node-smpp', value: `${round(t, 2)}×`, met: t >= 5 });
    const c = ours.median.cpuUsPerMsg / theirs.median.cpuUsPerMsg;
    checks.push({ target: 'CPU per message ≤ 0.2× node-smpp', value: `${round(c, 3)}×`, met: c <= 0.2 });
    checks.push({
      target: '200,000 submit_sm/s at window 100',
      value: ours.median.msgsPerSec.toLocaleString('en'),
      met: ours.median.msgsPerSec >= 200_000,
    });
  }
  const oursR = find('receipts', 'nestjs-naz', 100);
  const theirsR = find('receipts', 'node-smpp', 100);
  if (oursR && theirsR) {
    const t = oursR.median.msgsPerSec / theirsR.median.msgsPerSec;
    checks.push({ target: 'with receipts ≥ 4× node-smpp', value: `${round(t, 2)}×`, met: t >= 4 });
  }
  const nest = find('nest-path', 'nestjs-naz', 100, 'nest');
  const engine = find('nest-path', 'nestjs-naz', 100, 'engine');
  if (nest && engine) {
    const t = nest.median.msgsPerSec / engine.median.msgsPerSec;
    checks.push({ target: 'Nest path ≥ 0.7× bare engine', value: `${round(t, 2)}×`, met: t >= 0.7 });
  }
  if (soak) {
    const d = soak.rssAtEndMb - soak.rssAt200kMb;
    checks.push({
      target: 'soak: RSS at end within 20 MB of RSS at 200k',
      value: `${soak.rssAt200kMb} → ${soak.rssAtEndMb} MB (${round(d, 1)} MB)`,
      met: d <= 20,
    });
    checks.push({
      target: 'soak: heap flat (after GC)',
      value: `${soak.heapAt200kMb} → ${soak.heapAtEndMb} MB`,
      met: soak.heapAtEndMb - soak.heapAt200kMb <= 10,
    });
  }
  return checks;
}

async function main(): Promise<void> {
  const sim = await SimulatorProcess.start();
  const results: ScenarioResult[] = [];
  let soak: SoakResult | undefined;
  const nazVsNodeSmpp: Contender[] = [
    { client: 'nestjs-naz', driver: isolated('naz-engine') },
    { client: 'node-smpp', driver: isolated('node-smpp') },
  ];
  try {
    if (wanted('throughput')) {
      console.error('throughput: submit_sm on one bind, receipts off (raw-socket: the ceiling)');
      const withCeiling: Contender[] = [
        ...nazVsNodeSmpp,
        { client: 'raw-socket', driver: isolated('raw-socket') },
      ];
      for (const window of WINDOWS) {
        const n = scaled(window === 1 ? 50_000 : 200_000);
        results.push(...(await compare(sim, 'throughput', window, n, false, withCeiling)));
      }
    }
    if (wanted('receipts')) {
      console.error('receipts: submit_sm with a delivery receipt each, done when every receipt is handled');
      await sim.setReceipts(true);
      for (const window of RECEIPT_WINDOWS) {
        const n = scaled(window < 100 ? 20_000 : 100_000);
        results.push(...(await compare(sim, 'receipts', window, n, true, nazVsNodeSmpp)));
      }
      await sim.setReceipts(false);
    }
    if (wanted('nest-path')) {
      console.error('nest-path: SmppClientService.send() → queue → engine, beside the bare engine');
      results.push(
        ...(await compare(sim, 'nest-path', 100, scaled(200_000), false, [
          { client: 'nestjs-naz', variant: 'engine', driver: isolated('naz-engine') },
          { client: 'nestjs-naz', variant: 'nest', driver: isolated('naz-nest') },
        ])),
      );
    }
    if (wanted('queues')) {
      const brokers = await reachableQueueDrivers();
      if (brokers.length === 0) console.error('queues: no Redis or RabbitMQ reachable; skipped');
      else {
        console.error(`queues: ${brokers.join(', ')} beside the in-memory queue`);
        results.push(
          ...(await compare(sim, 'queues', 100, scaled(50_000), false, [
            { client: 'nestjs-naz', variant: 'memory', driver: isolated('naz-engine') },
            ...brokers.map((b): Contender => ({ client: 'nestjs-naz', variant: b, driver: isolated(b) })),
          ])),
        );
      }
    }
    if (wanted('postgres')) results.push(...(await runPostgresScenarios(sim, compare, scaled)));
    if (wanted('soak')) {
      const n = scaled(2_000_000);
      console.error(`soak: ${n.toLocaleString('en')} submit_sm, RSS and heap every second`);
      soak = await isolatedSoak({ port: sim.port, window: 100, messages: n, receipts: false });
      console.error(
        `  soak: ${soak.msgsPerSec.toLocaleString('en')} msg/s; RSS ${soak.rssAt200kMb} MB at 200k → ${soak.rssAtEndMb} MB at end; heap ${soak.heapAt200kMb} → ${soak.heapAtEndMb} MB`,
      );
    }
  } finally {
    await sim.stop();
  }
  // The simulator's own cost, so a reader can see it is never the bottleneck of the figures above.
  let simulator: SimulatorBenchSummary | undefined;
  if (wanted('simulator')) simulator = await runSimulatorBench();

  printTable(results);
  const targets = [...checkTargets(results, soak), ...postgresTargets(results)];
  console.table(targets);
  const cpu = cpus()[0];
  const report = {
    machine: { cpu: cpu?.model, cores: cpus().length, memoryGb: round(totalmem() / 1e9, 1) },
    node: process.version,
    date: new Date().toISOString(),
    loadAverage: loadavg().map((l) => round(l, 2)),
    runsPerScenario: RUNS,
    scale: SCALE,
    scenarios: results,
    soak,
    simulator,
    targets,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(new URL('latest.json', RESULTS_DIR), JSON.stringify(report, null, 2) + '\n');
  const by = (name: string) => results.filter((r) => r.name === name);
  if (by('throughput').length) {
    writeFileSync(
      new URL('throughput.svg', RESULTS_DIR),
      // The raw-socket ceiling stays in the table: at ~10× the clients its bars would flatten theirs.
      throughputChart(
        'submit_sm/s by window (median), receipts off',
        by('throughput').filter((r) => r.client !== 'raw-socket'),
      ),
    );
  }
  if (by('receipts').length) {
    writeFileSync(
      new URL('receipts.svg', RESULTS_DIR),
      throughputChart('submit_sm/s by window with a receipt each (median)', by('receipts')),
    );
  }
  if (soak) writeFileSync(new URL('soak.svg', RESULTS_DIR), soakChart(soak));
  console.error('written: bench/results/latest.json and SVG charts');
}

await main();
