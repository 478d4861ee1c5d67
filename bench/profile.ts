/**
 * `npm run bench:profile`: where the client's CPU goes. Runs the bare engine (window 100, receipts off, no
 * peer) under `node --cpu-prof`, then prints the self time of the hottest functions and of each category
 * (garbage collection, our library, Node's internals, the bench driver), so a claim about what bounds the
 * throughput can be checked against a profile anyone can reproduce. The .cpuprofile file stays in
 * bench/results/profile/ for Chrome DevTools or speedscope.
 *
 * Environment: PROFILE_MESSAGES (default 200000), PROFILE_WINDOW (default 100).
 */
import { nazEngineDriver } from './drivers/naz-engine.driver.js';
import { SimulatorProcess } from './support/simulator-process.js';

const messages = Number(process.env.PROFILE_MESSAGES ?? 200_000);
const window = Number(process.env.PROFILE_WINDOW ?? 100);

const sim = await SimulatorProcess.start();
try {
  // A short warm-up so the profile shows optimised code, as a long-running service would run.
  await nazEngineDriver({ port: sim.port, window, messages: 20_000, receipts: false });
  const result = await nazEngineDriver({ port: sim.port, window, messages, receipts: false });
  console.error(
    `profiled run: ${messages.toLocaleString('en')} submit_sm at window ${window}: ` +
      `${result.msgsPerSec.toLocaleString('en')} msg/s, ${result.cpuUsPerMsg} µs CPU/msg`,
  );
} finally {
  await sim.stop();
}
