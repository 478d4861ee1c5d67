/**
 * `npm run bench:profile`: where the client's CPU goes. Runs the bare engine (window 100, receipts off unless asked, no
 * peer) under `node --cpu-prof`, then prints the self time of the hottest functions and of each category
 * (garbage collection, our library, Node's internals, the bench driver), so a claim about what bounds the
 * throughput can be checked against a profile anyone can reproduce. The .cpuprofile file stays in
 * bench/results/profile/ for Chrome DevTools or speedscope.
 *
 * Environment: PROFILE_MESSAGES (default 200000), PROFILE_WINDOW (default 100), PROFILE_RECEIPTS=1 (a
 * delivery receipt per message, counted until every receipt is handled), PROFILE_DRIVER=router (the router over
 * one client instead of the bare engine).
 */
import { nazEngineDriver } from './drivers/naz-engine.driver.js';
import { routerDriver } from './drivers/router.driver.js';
import { SimulatorProcess } from './support/simulator-process.js';

const messages = Number(process.env.PROFILE_MESSAGES ?? 200_000);
const window = Number(process.env.PROFILE_WINDOW ?? 100);
const receipts = process.env.PROFILE_RECEIPTS === '1';
const driver = process.env.PROFILE_DRIVER === 'router' ? routerDriver : nazEngineDriver;

const sim = await SimulatorProcess.start();
await sim.setReceipts(receipts);
try {
  // A short warm-up on the profiled client, so the profile shows optimised code, as a long-running service runs.
  const result = await driver({ port: sim.port, window, messages, receipts, warmup: 20_000 });
  console.error(
    `profiled run: ${messages.toLocaleString('en')} submit_sm at window ${window}` +
      `${receipts ? ' with receipts' : ''}: ` +
      `${result.msgsPerSec.toLocaleString('en')} msg/s, ${result.cpuUsPerMsg} µs CPU/msg`,
  );
} finally {
  await sim.stop();
}
