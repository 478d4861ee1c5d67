import 'reflect-metadata';
import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { listenAddress } from './listen-address.js';

/**
 * Creates the sample app and listens on `HOST`:`PORT` from `env` (127.0.0.1:3000 by default). The app's other
 * settings (`SMSC_*`, `SIM_*`...) are read by `ConfigModule` from `process.env`.
 *
 * @remarks
 * `enableShutdownHooks()` makes SIGTERM/SIGINT run Nest's shutdown: the SMPP client stops taking messages, waits
 * for in-flight responses, requeues the rest, unbinds and closes before the process exits.
 */
export async function startSample(
  env: NodeJS.ProcessEnv = process.env,
  options: NestApplicationOptions = {},
): Promise<INestApplication> {
  const { host, port } = listenAddress(env);
  const app = await NestFactory.create(AppModule, options);
  app.enableShutdownHooks();
  await app.listen(port, host);
  return app;
}
