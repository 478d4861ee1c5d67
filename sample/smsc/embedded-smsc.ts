import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { SmscSimulator } from '../../lib/simulator/index.js';

/** Where the SMSC is: the one from the environment, or the embedded simulator. */
export interface SmscEndpoint {
  host: string;
  port: number;
  systemId: string;
  password: string;
  bindMode: 'transmitter' | 'receiver' | 'transceiver';
}

/** Settings of the embedded simulator (only used when `SMSC_HOST` is not set). */
export interface EmbeddedSmscSettings {
  /** Delay from submit to delivery receipt. */
  receiptDelayMs: number;
  /** Period of the MO messages the simulator sends; 0 sends none. */
  moEveryMs: number;
  /** Port of the simulator's web console; 0 picks a free one. */
  consolePort: number;
}

/**
 * The sample's built-in SMSC: naz's simulator on a free port, started when no `SMSC_HOST` is configured, so a
 * fresh clone works with `npm run start:sample` alone. It sends a delivery receipt for every message and, now and
 * then, a mobile-originated message (shown at `GET /inbound`).
 */
@Injectable()
export class EmbeddedSmsc implements OnApplicationShutdown {
  private readonly logger = new Logger(EmbeddedSmsc.name);

  private constructor(private readonly simulator: SmscSimulator) {}

  /** Starts the simulator on 127.0.0.1 and a free port, with its web console. */
  static async start(settings: EmbeddedSmscSettings): Promise<EmbeddedSmsc> {
    const simulator = await SmscSimulator.start({
      port: 0,
      http: { port: settings.consolePort },
      receipts: { enabled: true, delayMs: settings.receiptDelayMs },
      mo:
        settings.moEveryMs > 0
          ? {
              rate: 1000 / settings.moEveryMs,
              source_addr: '447700900123',
              destination_addr: '1234',
              text: (i) => `Hello from the simulator, MO message #${i + 1}`,
            }
          : undefined,
    });
    if (settings.moEveryMs > 0) {
      // A first MO right after the client binds, so GET /inbound shows something without waiting a period.
      simulator.once('bind', () => {
        setTimeout(
          () =>
            simulator.sendMo({
              source_addr: '447700900123',
              destination_addr: '1234',
              text: 'Welcome! This is an MO message from the simulator',
            }),
          500,
        ).unref();
      });
    }
    const embedded = new EmbeddedSmsc(simulator);
    embedded.logger.log(
      `embedded SMSC simulator listening on ${simulator.address} (set SMSC_HOST to use a real SMSC)`,
    );
    embedded.logger.log(`simulator console: ${embedded.consoleUrl} (traffic, counters, MO form, faults)`);
    return embedded;
  }

  /** The simulator's web console, e.g. `http://127.0.0.1:40123/`. */
  get consoleUrl(): string {
    return this.simulator.console?.url ?? '';
  }

  /** The endpoint the client should bind to. */
  get endpoint(): SmscEndpoint {
    return {
      host: this.simulator.host,
      port: this.simulator.port,
      systemId: 'sample',
      password: 'secret',
      bindMode: 'transceiver',
    };
  }

  /** Stops the simulator after Nest has unbound the client (onModuleDestroy runs before onApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.simulator.stop();
  }
}
