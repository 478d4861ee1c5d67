import { dirname, resolve } from 'node:path';

import type { ResolvedSmppClientOptions } from '../../client/resolved-smpp-client-options.interface.js';
import type { SmppClientOptions } from '../../client/smpp-client-options.interface.js';
import { validateClientOptions } from '../../client/validate-client-options.js';
import { ConfigError } from '../errors/config-error.js';
import { parseQueueConfig, QueueConfigError } from '../queue/parse-queue-config.js';
import { CLI_ONLY_KEYS, type CliConfig } from './cli-config.interface.js';
import { collectSecrets, scrubSecrets } from './collect-secrets.js';
import { readConfigFile } from './read-config-file.js';
import { BadPlaceholderError, MissingEnvVariableError, substituteEnv } from './substitute-env.js';

/** What {@link loadCliConfig} needs from the outside world. */
export interface LoadCliConfigDeps {
  env: NodeJS.ProcessEnv;
  /** Folder a relative `--config` path is resolved from. */
  cwd: string;
}

/**
 * Reads a naz-cli config file, substitutes `${ENV}` placeholders, splits the CLI's own keys (`queue`) from
 * the client options, and validates both.
 *
 * @throws ConfigError naming the file, the key path and the rule: `client.json: rateLimit.perSecond must be > 0, got 0`.
 * Secret values never appear in its message.
 */
export async function loadCliConfig(configPath: string, deps: LoadCliConfigDeps): Promise<CliConfig> {
  const file = resolve(deps.cwd, configPath);
  const raw = await readConfigFile(file, configPath);
  let substituted: Record<string, unknown>;
  try {
    substituted = substituteEnv(raw, deps.env) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof MissingEnvVariableError || error instanceof BadPlaceholderError) {
      throw new ConfigError(configPath, error.path, error.message, { cause: error });
    }
    throw error;
  }
  const secrets = collectSecrets(substituted);
  const client: Record<string, unknown> = { ...substituted };
  for (const key of CLI_ONLY_KEYS) delete client[key];

  let resolved: ResolvedSmppClientOptions;
  try {
    resolved = validateClientOptions(client);
  } catch (error) {
    throw toConfigError(configPath, error, secrets);
  }
  let queue;
  try {
    queue = parseQueueConfig(substituted.queue);
  } catch (error) {
    if (error instanceof QueueConfigError) {
      throw new ConfigError(configPath, error.path, scrubSecrets(error.message, secrets), { cause: error });
    }
    throw error;
  }
  return {
    file,
    dir: dirname(file),
    client: client as unknown as SmppClientOptions,
    resolved,
    queue,
    secrets,
  };
}

/** Turns the engine's InvalidOptionsError (`.path`, `.rule`) into a ConfigError, secrets scrubbed. */
function toConfigError(configPath: string, error: unknown, secrets: readonly string[]): Error {
  if (!(error instanceof Error)) return new ConfigError(configPath, '', String(error));
  const { path, rule } = error as Error & { path?: unknown; rule?: unknown };
  if (typeof path !== 'string' && typeof rule !== 'string') return error;
  const keyPath = typeof path === 'string' ? path : '';
  let message = error.message || (typeof rule === 'string' ? rule : 'invalid option');
  if (keyPath !== '' && !message.includes(keyPath)) message = `${keyPath}: ${message}`;
  return new ConfigError(configPath, keyPath, scrubSecrets(message, secrets), { cause: error });
}
