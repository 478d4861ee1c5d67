import { SmppRouter } from '../../lib/router/index.js';
import { silentLogger } from '../../lib/logging/safe-logger.js';
import { RunMeter } from '../support/measure.js';
import type { RunSpec } from './driver.interface.js';
import { benchClient, measuredRun, producerLead, runCompletion } from './naz-engine.driver.js';
import type { RunResult } from '../support/run-result.js';

/**
 * The router over one client: `SmppRouter.send()` → the router's in-memory queue → route match → the client's
 * `submit()` (window, rate limiter, throttle) → session → simulator. The same client settings as the
 * `naz-engine` driver, so the `router` scenario's ratio is what routing costs over `SmppClient.send()`.
 * Completion is the router's 'routed' event (with receipts, the client's 'deliveryReceipt').
 */
export async function routerDriver(spec: RunSpec): Promise<RunResult> {
  const meter: { current?: RunMeter } = {};
  const client = benchClient(spec, meter);
  const router = new SmppRouter(
    { routes: [{ prefix: '44', clients: [client.name] }], queueCapacity: producerLead(spec.window) * 2 },
    [client],
    { logger: silentLogger },
  );
  const completion = runCompletion(spec);
  if (spec.receipts) client.on('deliveryReceipt', () => completion.tick());
  else router.on('routed', () => completion.tick());
  router.on('failed', (e) => {
    throw new Error(`bench message failed: ${e.reason}`);
  });
  await client.start();
  await client.waitUntilBound(10_000);
  router.start();
  try {
    return await measuredRun(spec, meter, completion, (text) => router.send({ to: '447700900123', text }));
  } finally {
    await router.stop();
    await client.stop({ drainTimeoutMs: 1000 });
  }
}
