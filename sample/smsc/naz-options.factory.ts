import type { ConfigService } from '@nestjs/config';
import type { NazModuleOptions } from '../../lib/index.js';
import type { EmbeddedSmsc, SmscEndpoint } from './embedded-smsc.js';

const BIND_MODES = ['transmitter', 'receiver', 'transceiver'] as const;

/**
 * The client options, from the environment (`SMSC_HOST`, `SMSC_PORT`, `SMSC_SYSTEM_ID`, `SMSC_PASSWORD`,
 * `SMSC_BIND_MODE`, `SMPP_SPILL_FILE`) or, without `SMSC_HOST`, from the embedded simulator.
 *
 * @remarks
 * Values are passed as read: NazModule validates them at start-up, and a bad one stops the app with an error that
 * names it (`port must be an integer between 1 and 65535, got 0`). A missing `SMSC_SYSTEM_ID` is caught here, so
 * the error names the variable rather than the option.
 *
 * @throws Error naming `SMSC_SYSTEM_ID` when `SMSC_HOST` is set and it is not.
 */
export function nazOptionsFromConfig(config: ConfigService, embedded: EmbeddedSmsc | null): NazModuleOptions {
  const endpoint: SmscEndpoint = embedded?.endpoint ?? {
    host: config.getOrThrow<string>('SMSC_HOST'),
    port: Number(config.get<string>('SMSC_PORT') ?? 2775),
    systemId: requiredWithSmscHost(config, 'SMSC_SYSTEM_ID'),
    password: config.get<string>('SMSC_PASSWORD') ?? '',
    bindMode: parseBindMode(config.get<string>('SMSC_BIND_MODE')),
  };
  return {
    ...endpoint,
    defaults: { from: config.get<string>('SMS_FROM') ?? 'NazSample', registeredDelivery: true },
    reconnect: { initialDelayMs: 500, maxDelayMs: 5000 },
    enquireLinkIntervalMs: 15000,
    drainTimeoutMs: Number(config.get<string>('SMPP_DRAIN_TIMEOUT_MS') ?? 5000),
    // Unsent messages survive a restart: written at shutdown, queued again at start.
    ...(config.get<string>('SMPP_SPILL_FILE') ? { spillFile: config.get<string>('SMPP_SPILL_FILE') } : {}),
  };
}

function parseBindMode(value: string | undefined): SmscEndpoint['bindMode'] {
  if (value === undefined || value === '') return 'transceiver';
  const mode = BIND_MODES.find((m) => m === value);
  if (!mode) throw new Error(`SMSC_BIND_MODE must be one of ${BIND_MODES.join(', ')}, got "${value}"`);
  return mode;
}

/** A variable a real SMSC needs: an empty or missing one stops the app at start-up, naming it. */
function requiredWithSmscHost(config: ConfigService, name: string): string {
  const value = config.get<string>(name);
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: with SMSC_HOST set the sample binds to that SMSC and needs its account ` +
        `(${name}, and SMSC_PASSWORD if it has one). Unset SMSC_HOST to use the embedded simulator.`,
    );
  }
  return value;
}
