import { SmppClient } from '../../../lib/client/smpp-client.js';
import type { SmppClientOptions } from '../../../lib/client/smpp-client-options.interface.js';
import type { SmppClientPolicies } from '../../../lib/client/smpp-client-policies.interface.js';
import { SmscSimulator } from '../../../lib/simulator/smsc-simulator.js';
import type { SmscSimulatorOptions } from '../../../lib/simulator/simulator-options.interface.js';
import { CHAOS_PASSWORD, CHAOS_SYSTEM_ID } from './chaos-env.js';
import { CapturingLogger } from './capturing-logger.js';

/** A simulator that accepts only the chaos credentials, receipts off (the scenarios count submits). */
export function startChaosSimulator(options: SmscSimulatorOptions = {}): Promise<SmscSimulator> {
  return SmscSimulator.start({
    credentials: [{ system_id: CHAOS_SYSTEM_ID, password: CHAOS_PASSWORD }],
    receipts: { enabled: false },
    ...options,
  });
}

/** Client options for a local SMSC, with timeouts and back-offs small enough for a test run. */
export function chaosClientOptions(port: number, extra: Partial<SmppClientOptions> = {}): SmppClientOptions {
  return {
    host: '127.0.0.1',
    port,
    systemId: CHAOS_SYSTEM_ID,
    password: CHAOS_PASSWORD,
    logLevel: 'debug',
    connectTimeoutMs: 2000,
    bindTimeoutMs: 2000,
    responseTimeoutMs: 5000,
    unbindTimeoutMs: 500,
    drainTimeoutMs: 2000,
    windowSize: 10,
    queueCapacity: 1_000_000,
    ...extra,
    reconnect: { initialDelayMs: 20, maxDelayMs: 250, ...extra.reconnect },
    retry: { initialDelayMs: 10, maxDelayMs: 200, maxAttempts: 10, ...extra.retry },
    defaults: { from: 'CHAOS', sourceAddrTon: 5, registeredDelivery: false, ...extra.defaults },
  };
}

/** A started client with a capturing logger (its lines are searched for the password as they arrive). */
export async function startChaosClient(
  port: number,
  extra: Partial<SmppClientOptions> = {},
  policies: SmppClientPolicies = {},
): Promise<{ client: SmppClient; logger: CapturingLogger }> {
  const logger = new CapturingLogger();
  const client = new SmppClient(chaosClientOptions(port, extra), { logger, ...policies });
  client.on('warning', (w) => logger.witness.check('warning event', w));
  client.on('failed', (e) => logger.witness.check('failed event', e));
  client.on('retry', (e) => logger.witness.check('retry event', e));
  client.on('state', (e) => logger.witness.check('state event', e));
  await client.start();
  return { client, logger };
}
