import { NazError } from './naz-error.js';

/** Thrown when a durable adapter is used without its optional peer dependency (`ioredis`, `amqplib`, `pg`, `@opentelemetry/api`...) installed. */
export class MissingPeerDependencyError extends NazError {
  override readonly name = 'MissingPeerDependencyError';

  /** @param packageName - the npm package to install, @param feature - what needs it. */
  constructor(
    readonly packageName: string,
    feature: string,
    cause?: unknown,
  ) {
    super(`${feature} needs the optional peer dependency "${packageName}": run npm install ${packageName}`, {
      cause,
    });
  }
}
