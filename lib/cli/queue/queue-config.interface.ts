/**
 * The `queue` key of a naz-cli config: which {@link OutboundQueue} `run` consumes.
 *
 * @remarks
 * Written in the file as `"memory"`, `"redis"`, `"rabbitmq"`, `"./my-queue.js#MyQueue"`, or an object:
 * `{ "type": "redis", ...adapter options }`, `{ "module": "./my-queue.js", "export": "MyQueue", "options": {} }`.
 * Module paths are resolved from the config file's folder.
 */
export type QueueConfig =
  | { type: 'memory'; capacity?: number }
  | { type: 'redis'; options: Record<string, unknown> }
  | { type: 'rabbitmq'; options: Record<string, unknown> }
  | {
      type: 'module';
      /** As written in the config (`./my-queue.js`, an absolute path or a package name). */
      module: string;
      /** Export name. @default 'default' */
      exportName: string;
      /** Passed to the class constructor (or factory function). */
      options?: unknown;
    };
