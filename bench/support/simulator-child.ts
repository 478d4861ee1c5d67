/**
 * Child-process entry of `SimulatorProcess`: runs an SMSC simulator and obeys the parent's commands.
 */
import { SmscSimulator } from '../../lib/simulator/index.js';
import type { SimulatorCommand } from './simulator-process.js';

const sim = await SmscSimulator.start({
  receipts: { enabled: false, delayMs: 0 },
  // The soak sends millions: keep the store small so the simulator's memory stays flat too.
  storeCapacity: 20_000,
});
process.send!({ port: sim.port });

process.on('message', (raw) => {
  const command = raw as SimulatorCommand;
  switch (command.op) {
    case 'receipts':
      sim.setReceipts({ enabled: command.enabled, delayMs: 0 });
      process.send!({});
      break;
    case 'stats':
      process.send!({ stats: sim.stats() });
      break;
    case 'resetCpu':
      process.send!({ cpuUs: process.cpuUsage().user + process.cpuUsage().system });
      break;
    case 'stop':
      void sim.stop().then(() => process.exit(0));
      break;
  }
});
